import type { Db } from '@baigou/db';
import { cnyPerUnit, type ExchangeRatesService } from '../exchange-rates/exchange-rates.service';
import type { ProvenanceLog, ProvenanceSigner } from '../provenance/provenance.log';
import { createAudit } from './subsidy.audit';
import { createClaims } from './subsidy.claims';
import { createEvidence } from './subsidy.evidence';
import { createInsurance } from './subsidy.insurance';
import type {
  SubsidyCreditGrades,
  SubsidyPayouts,
  SubsidyRates,
  SubsidyRegistryFacts,
  SubsidyTradeFacts,
} from './subsidy.ports';
import { createProgrammes } from './subsidy.programmes';
import { createReports, fundFigures } from './subsidy.reports';
import { createRuns } from './subsidy.runs';

/** The exchange-rates service as the subsidy context's rate port: customs monthly rates as staff set them. */
export const exchangeRatesAsSubsidyRates = (exchangeRates: ExchangeRatesService): SubsidyRates => ({
  cnyPerUnit: async (months) => {
    const rates = await exchangeRates.ratesFor(months);
    return (month, currency) => cnyPerUnit(rates, month, currency);
  },
});

export interface SubsidyDependencies {
  db: Db;
  trade: SubsidyTradeFacts;
  registry: SubsidyRegistryFacts;
  credit: SubsidyCreditGrades;
  rates: SubsidyRates;
  /** Reserves an approved claim's money and queues its payment (the payout context); none: approval ends there. */
  payouts?: SubsidyPayouts;
  /** For evidence bundles; a process that builds none (the worker) leaves it out. */
  provenance?: { log: ProvenanceLog; signer: ProvenanceSigner };
  clock?: () => Date;
}

/**
 * The special fund (试点专项资金): programme versions, insurance, period runs, claims through
 * approval, third-party audit and reports. It never moves money: approval for payment is the end.
 */
export function createSubsidyService(deps: SubsidyDependencies) {
  const clock = deps.clock ?? (() => new Date());
  const { db } = deps;
  const ports = { trade: deps.trade, registry: deps.registry, credit: deps.credit, rates: deps.rates };
  const evidence = deps.provenance ? createEvidence({ db, trade: deps.trade, ...deps.provenance }) : null;
  return {
    programmes: createProgrammes({ db, clock }),
    insurance: createInsurance({ db, registry: deps.registry, clock }),
    runs: createRuns({ db, ports, clock }),
    claims: createClaims({ db, trade: deps.trade, clock, ...(deps.payouts ? { payouts: deps.payouts } : {}) }),
    audit: createAudit({ db, clock }),
    reports: createReports({ db, registry: deps.registry }),
    fundFigures: (month: string) => fundFigures(db, month),
    claimBundle: async (claimId: string) => {
      if (!evidence) throw new Error('this process was built without a provenance signer');
      return evidence(claimId);
    },
  };
}

export type SubsidyService = ReturnType<typeof createSubsidyService>;
