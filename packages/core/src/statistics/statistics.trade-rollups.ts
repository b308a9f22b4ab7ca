import type { TradeRollups } from '../trade/trade.ports';
import {
  applyDeclarationStatusChange,
  applyFxAllocation,
  applyIntakeRisk,
  applyTransactionStatusChange,
} from './statistics.rollups';

/** The statistics side of trade's roll-up port: the incremental roll-ups, in the caller's transaction. */
export const tradeRollups: TradeRollups = {
  applyIntakeRisk,
  applyTransactionStatusChange,
  applyDeclarationStatusChange,
  applyFxAllocation,
};
