import { fetchPage, filterOf, type CursorPosition, type Page } from '../shared/pagination';
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

/**
 * One page of a list under the tenant rule: the query's filter limited to `tenantScope`, and the
 * scope in the cursor's fingerprint with the list's name, so a cursor cannot cross lists or scopes.
 */
export function fetchTenantPage<
  Q extends { cursor?: string | undefined; limit: number },
  T extends { id: string; createdAt: Date },
  V,
>(
  principal: Principal,
  list: string,
  query: Q,
  fetch: (
    filter: Omit<Q, 'cursor' | 'limit'> & { ownerOrgId: string | undefined },
    after: CursorPosition | undefined,
    take: number,
  ) => Promise<T[]>,
  view: (row: T) => V,
): Promise<Page<V>> {
  const filter = filterOf(query);
  const ownerOrgId = tenantScope(principal);
  return fetchPage(
    query,
    JSON.stringify([list, filter, ownerOrgId ?? null]),
    (after, take) => fetch({ ...filter, ownerOrgId }, after, take),
    view,
  );
}
