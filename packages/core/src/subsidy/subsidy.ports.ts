import type { DbOrTx } from '@baigou/db';

/**
 * What the subsidy context reads from others, declared here so that they depend on subsidy's
 * needs and not the other way round (ARCHITECTURE §7: facts through read ports). The
 * implementations live with the context that owns the facts and are passed in where the services
 * are wired (services/api app.ts, services/worker handlers.ts).
 */

/** One 1039 declaration of the period window, with what the fund can price it by. */
export interface DeclarationFact {
  declarationId: string;
  operatorOrgId: string;
  operatorId: string;
  /** The ISO instant customs reported the release. */
  releasedAt: string;
  /** 撤销: customs cancelled it after release; it no longer counts. */
  cancelled: boolean;
  currency: string;
  totalValue: string;
  totalValueUsd: string;
  /** FX allocated to the declaration or its transactions, in its currency, at most its value. */
  fxCollected: string;
  chinaEuropeRail: boolean;
  containers: readonly { sourceId: string; number: string }[];
}

/** An FX receipt (收汇) behind a declaration: allocated to it or to a transaction it consolidates. */
export interface FxReceiptFact {
  receiptId: string;
  bankReference: string;
  currency: string;
  /** What of the receipt is allocated to the declaration (directly or through its transactions). */
  amount: string;
}

export interface SubsidyTradeFacts {
  /**
   * Declarations whose release (or export) instant lies in [fromInstant, toInstant), including
   * those customs cancelled afterwards, by operator organisation.
   */
  declarationsInWindow(
    db: DbOrTx,
    window: { fromInstant: Date; toInstant: Date; countedOn: 'released' | 'exported' },
  ): Promise<DeclarationFact[]>;
  /**
   * The FX receipts behind each declaration as allocations stood at `asOf` (allocations are
   * append-only, so a claim names the receipts its run saw), in the declaration's currency.
   */
  fxReceiptsOf(db: DbOrTx, declarationIds: readonly string[], asOf: Date): Promise<Map<string, FxReceiptFact[]>>;
  /** Transactions in open hard-band price review (in_review), counted per operator organisation. */
  openHardBandReviews(db: DbOrTx, operatorOrgIds: readonly string[]): Promise<Map<string, number>>;
}

export interface OperatorFact {
  operatorId: string;
  operatorOrgId: string;
  uscc: string;
  nameZh: string;
  nameEn: string;
  status: string;
  /** When staff first approved the registration; null if never. */
  approvedAt: Date | null;
}

export interface SubsidyRegistryFacts {
  operatorsByOrg(db: DbOrTx, operatorOrgIds: readonly string[]): Promise<Map<string, OperatorFact>>;
  operatorByUscc(db: DbOrTx, uscc: string): Promise<OperatorFact | null>;
}

/** A grade in force, or null when the credit context has recorded none for the operator. */
export interface SubsidyGrade {
  grade: string;
  /** The credit decision or run that set it, for the claim's record. */
  decidedBy: string;
}

/** The credit context's answer (credit.subsidy-grades.ts implements it). */
export interface SubsidyCreditGrades {
  /**
   * The grade in force at one instant for each of the firms, asked once per period run (not once
   * per firm); a firm the credit context has graded never is absent from the map.
   */
  gradesInForce(operatorOrgIds: readonly string[], instant: Date): Promise<ReadonlyMap<string, SubsidyGrade>>;
}

/** Reads nothing and answers that no grade is recorded: the condition passes as 'not graded', and says so. */
export const noCreditGrades: SubsidyCreditGrades = { gradesInForce: async () => new Map() };

/** Customs monthly rates, CNY per unit of a currency in a month (exchange-rates context). */
export interface SubsidyRates {
  cnyPerUnit(months: readonly string[]): Promise<(month: string, currency: string) => string | null>;
}

/** An approval for payment, as the payout context needs it to reserve the money. */
export interface ApprovedClaim {
  claimId: string;
  operatorOrgId: string;
  periodId: string;
  /** The fund year (the year the period ends in), whose budget pays the claim. */
  year: number;
  amountCny: string;
  programmeVersionId: string;
  annualBudgetCny: string;
  approvedByOrgId: string;
}

/**
 * The payout context's answer to an approval (payout.reservations.ts implements it): in the approval's
 * own transaction it reserves the amount in the fund ledger and queues the payment, or throws (422 with
 * the budget's figures) and the approval rolls back with it.
 */
export interface SubsidyPayouts {
  reserveForPayment(tx: DbOrTx, claim: ApprovedClaim): Promise<void>;
}
