import type { Principal } from '../access/access.models';

/**
 * The tenant rule of the credit context, in one place until packages/core/src/access holds the
 * shared definition (issue 11): an operator sees only its own organisation's credit records;
 * staff, customs and auditors see every firm's. Undefined means "no owner filter".
 */
export const creditScope = (principal: Principal): string | undefined =>
  principal.role === 'operator' ? principal.orgId : undefined;

/** True when the principal may see the records of this operator organisation. */
export const canSee = (principal: Principal, operatorOrgId: string) => {
  const scope = creditScope(principal);
  return scope === undefined || scope === operatorOrgId;
};
