/** Registration lifecycle (主体备案): staff decide, with a reason; every decision is kept. */
export const partyTypes = ['operator', 'merchant', 'purchaser'] as const;
export type PartyType = (typeof partyTypes)[number];

export const partyStatuses = ['submitted', 'approved', 'rejected', 'suspended'] as const;
export type PartyStatus = (typeof partyStatuses)[number];

export const decisions = ['approve', 'reject', 'suspend'] as const;
export type Decision = (typeof decisions)[number];

/**
 * From which statuses each decision may be taken. A suspended party is reinstated by approving it
 * again; a rejected registration is final (the party registers anew with corrected data).
 */
export const decisionRules: Record<
  Decision,
  { from: readonly PartyStatus[]; to: PartyStatus; reasonRequired: boolean }
> = {
  approve: { from: ['submitted', 'suspended'], to: 'approved', reasonRequired: false },
  reject: { from: ['submitted'], to: 'rejected', reasonRequired: true },
  suspend: { from: ['approved'], to: 'suspended', reasonRequired: true },
};

export function nextStatus(current: PartyStatus, decision: Decision): PartyStatus | null {
  const rule = decisionRules[decision];
  return rule.from.includes(current) ? rule.to : null;
}

/** Personal ID numbers never leave the platform in full: `130681********123X`. */
export function maskPersonalId(value: string): string {
  if (value.length <= 8) return '*'.repeat(value.length);
  // Resident IDs keep their region code; shorter documents (passports) only their first character.
  const kept = value.length >= 15 ? 6 : 1;
  return value.slice(0, kept).padEnd(value.length - 4, '*') + value.slice(-4);
}
