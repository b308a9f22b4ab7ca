import type { PayoutService } from '@baigou/core';
import type { App } from '../../http/types';
import { callbackRoutes } from './callbacks.routes';
import { ledgerRoutes } from './ledger.routes';
import { paymentRoutes } from './payments.routes';
import { payoutPeriodRoutes } from './periods.routes';
import { reconciliationRoutes } from './reconciliations.routes';

/** 资金拨付 under /v1/payout: payments, batches and exports, the fund ledger, bank callbacks. */
export function payoutRoutes(app: App, deps: { payout: PayoutService }) {
  paymentRoutes(app, deps);
  payoutPeriodRoutes(app, deps);
  ledgerRoutes(app, deps);
  reconciliationRoutes(app, deps);
  callbackRoutes(app, deps);
}
