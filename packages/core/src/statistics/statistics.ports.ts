import type { DbOrTx } from '@baigou/db';

/**
 * What the statistics context reads from others for the monthly report's fund section, declared here
 * so that the special fund and the ledger depend on statistics' needs and not the other way round
 * (CONTRIBUTING.md, "A context that needs another context"). The subsidy context implements
 * StatisticsFundClaims (subsidy/subsidy.statistics-figures.ts), the ledger StatisticsFundLedger
 * (ledger/ledger.statistics-balances.ts); they are passed in where the services are wired. Both read
 * in the report's own snapshot (`db` is its read-only transaction).
 */

export interface FundItemFigure {
  itemCode: string;
  claims: number;
  amountCny: string;
}

/** The fund's claims in a month (China time): drafted by runs, and approved for payment. */
export interface FundClaimFigures {
  drafted: { claims: number; amountCny: string; byItem: FundItemFigure[] };
  approvedForPayment: { claims: number; amountCny: string; byItem: FundItemFigure[] };
}

export interface StatisticsFundClaims {
  monthFigures(db: DbOrTx, month: string): Promise<FundClaimFigures>;
}

/** The fund ledger's figures of a budget year, in CNY; zeros while the year's accounts are not opened. */
export interface FundLedgerFigures {
  year: number;
  /** Whether the year's fund accounts exist in the ledger; when not, every figure is 0.00. */
  opened: boolean;
  /** Appropriated to the year's fund budget. */
  budgetCny: string;
  reservedCny: string;
  paidCny: string;
  clawedBackCny: string;
  budgetLeftCny: string;
}

export interface StatisticsFundLedger {
  yearFigures(db: DbOrTx, year: number): Promise<FundLedgerFigures>;
}

/** Both halves of the fund section, or its absence in a process that does not report the fund. */
export interface StatisticsFund {
  claims: StatisticsFundClaims;
  ledger: StatisticsFundLedger;
}
