import type { DbOrTx } from '@baigou/db';
import type { DeclarationState } from './declarations/declaration-lifecycle';

/**
 * What the trade context needs from others, declared here so that they depend on trade and not the
 * other way round. Implementations are passed in where the services are wired (services/api app.ts).
 */

/**
 * The statistics roll-ups that move with trade's state. Each is called inside the PG transaction
 * that changes the state it counts, so a figure can never disagree with the records it sums.
 */
export interface TradeRollups {
  /** Transactions recorded at intake: their price-check risk, by trade month. */
  applyIntakeRisk(tx: DbOrTx, intake: { transactionIds: readonly string[] }): Promise<void>;
  /** A staff decision on a transaction. */
  applyTransactionStatusChange(tx: DbOrTx, change: { transactionId: string; from: string; to: string }): Promise<void>;
  /** A declaration moving from one lifecycle state to another. */
  applyDeclarationStatusChange(
    tx: DbOrTx,
    change: { declarationId: string; from: DeclarationState; to: DeclarationState },
  ): Promise<void>;
  /** An FX receipt allocated to a transaction or declaration. */
  applyFxAllocation(tx: DbOrTx, allocation: { allocationId: string }): Promise<void>;
}
