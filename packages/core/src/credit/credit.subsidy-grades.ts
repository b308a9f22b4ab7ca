import type { SubsidyCreditGrades, SubsidyGrade } from '../subsidy/subsidy.ports';

/**
 * The credit context answering the subsidy context's port (ARCHITECTURE §7: credit ──grade──►
 * subsidy): the grades in force at an instant for every firm of a period run, asked once, each with
 * the override or decision that set it.
 */
export function creditAsSubsidyGrades(credit: {
  gradesInForce(
    operatorOrgIds: readonly string[],
    at: Date,
  ): Promise<ReadonlyMap<string, { grade: string; decisionId: string | null; overrideId: string | null }>>;
}): SubsidyCreditGrades {
  return {
    async gradesInForce(operatorOrgIds, instant) {
      const inForce = await credit.gradesInForce(operatorOrgIds, instant);
      const grades = new Map<string, SubsidyGrade>();
      for (const [orgId, { grade, decisionId, overrideId }] of inForce) {
        const decidedBy = overrideId ?? decisionId;
        if (decidedBy !== null) grades.set(orgId, { grade, decidedBy });
      }
      return grades;
    },
  };
}
