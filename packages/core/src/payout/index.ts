export { payoutErrors } from './payout.errors';
export * from './payout.models';
export { createPayoutReservations, writePayment, type ReservationSettings } from './payout.reservations';
export * from './payout.verify';
export * from './payout.workflow';
