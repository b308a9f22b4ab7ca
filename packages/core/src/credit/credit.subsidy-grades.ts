import type { SubsidyCreditGrades } from '../subsidy/subsidy.ports';

/**
 * The credit context answering the subsidy context's port (ARCHITECTURE §7: credit ──grade──►
 * subsidy): the grade in force at an instant, with the decision or override that set it.
 */
export function creditAsSubsidyGrades(credit: {
  gradeInForce(
    operatorOrgId: string,
    at: Date,
  ): Promise<{ grade: string | null; decisionId: string | null; overrideId: string | null }>;
}): SubsidyCreditGrades {
  return {
    async gradeInForce(operatorOrgId, instant) {
      const inForce = await credit.gradeInForce(operatorOrgId, instant);
      const decidedBy = inForce.overrideId ?? inForce.decisionId;
      return inForce.grade === null || decidedBy === null ? null : { grade: inForce.grade, decidedBy };
    },
  };
}
