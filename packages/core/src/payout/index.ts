export { payoutErrors } from './payout.errors';
export * from './payout.models';
export { createPayoutReservations, writePayment, type ReservationSettings } from './payout.reservations';
export * from './payout.verify';
export * from './payout.workflow';
export * from './payout.schemas';
export { createPayoutService, type PayoutService } from './payout.service';
export type { PayoutCreditFacts, SubsidyFraudFact } from './payout.ports';
export { reconcileLines, reconcilePayouts, statementWindow, type ReconciliationDifference } from './payout.reconcile';
