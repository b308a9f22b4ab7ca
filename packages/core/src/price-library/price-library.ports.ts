import type { ConfirmedCode } from './price-library.learning';

/**
 * What the price library needs from trade to learn: every declared line whose HS code a firm
 * gave itself (and, once review corrects codes, every staff correction), with whether the person
 * changed the matcher's answer. Trade implements it (transactions.confirmed-codes.ts).
 */
export interface ConfirmedCodes {
  confirmedCodes(): Promise<ConfirmedCode[]>;
}

/** No source wired (worker, CLI): nothing is learnt. */
export const noConfirmedCodes: ConfirmedCodes = { confirmedCodes: async () => [] };
