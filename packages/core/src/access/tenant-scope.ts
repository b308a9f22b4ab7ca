import type { Principal } from './access.models';

/**
 * Tenant isolation (ARCHITECTURE §3.7), written once. Each function answers the organisation a
 * query must be limited to, or `undefined` when the caller may see every organisation's records.
 * Repositories take the answer as `ownerOrgId`; a record outside it is simply not found (404, never
 * 403), so its existence does not leak.
 */

/**
 * The rule of trade records and registered parties: an operator sees only its own organisation's
 * records; staff, customs, auditors and admins see all.
 */
export const tenantScope = (principal: Principal): string | undefined =>
  principal.role === 'operator' ? principal.orgId : undefined;

/**
 * The rule of price-library match records: staff, who maintain the library, see every
 * organisation's matches; everyone else (operators, customs, auditors, admins) only their own
 * organisation's.
 */
export const staffWideScope = (principal: Principal): string | undefined =>
  principal.role === 'staff' ? undefined : principal.orgId;

/** True when `tenantScope` lets the principal see a record of this organisation. */
export const inTenantScope = (principal: Principal, orgId: string): boolean => {
  const scope = tenantScope(principal);
  return scope === undefined || scope === orgId;
};
