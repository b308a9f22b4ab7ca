import { describe, expect, it } from 'vitest';
import { roles, type OrganisationKind, type Principal, type Role } from './access.models';
import { fetchTenantPage, inTenantScope, staffWideScope, tenantScope } from './tenant-scope';

const kindOf: Record<Role, OrganisationKind> = {
  operator: 'operator',
  customs: 'customs',
  staff: 'center',
  auditor: 'auditor',
  admin: 'center',
};
const principal = (role: Role): Principal => ({
  keyId: `key-${role}`,
  orgId: `org-${role}`,
  orgKind: kindOf[role],
  role,
});

describe('tenantScope (trade records and registered parties)', () => {
  it('limits an operator to its own organisation', () => {
    expect(tenantScope(principal('operator'))).toBe('org-operator');
  });

  it.each(['customs', 'staff', 'auditor', 'admin'] as const)('lets %s see every organisation', (role) => {
    expect(tenantScope(principal(role))).toBeUndefined();
  });

  it('scopes exactly the operator role', () => {
    expect(roles.filter((role) => tenantScope(principal(role)) !== undefined)).toEqual(['operator']);
  });
});

describe('staffWideScope (price-library match records)', () => {
  it('lets staff see every organisation', () => {
    expect(staffWideScope(principal('staff'))).toBeUndefined();
  });

  it.each(['operator', 'customs', 'auditor', 'admin'] as const)('limits %s to its own organisation', (role) => {
    expect(staffWideScope(principal(role))).toBe(`org-${role}`);
  });
});

describe('inTenantScope (one record of a known organisation)', () => {
  it('lets an operator see its own organisation and no other', () => {
    expect(inTenantScope(principal('operator'), 'org-operator')).toBe(true);
    expect(inTenantScope(principal('operator'), 'org-other')).toBe(false);
  });

  it.each(['customs', 'staff', 'auditor', 'admin'] as const)('lets %s see any organisation', (role) => {
    expect(inTenantScope(principal(role), 'org-other')).toBe(true);
  });
});

describe('fetchTenantPage (tenant-scoped lists)', () => {
  const rows = [1, 2, 3].map((n) => ({
    id: `00000000-0000-4000-8000-00000000000${n}`,
    createdAt: new Date(`2026-01-0${n}T00:00:00.000Z`),
  }));
  const list = async (who: Principal, query: { status?: string; cursor?: string; limit: number }) => {
    const seen: unknown[] = [];
    const page = await fetchTenantPage(
      who,
      'things',
      query,
      async (filter, after, take) => {
        seen.push(filter);
        return rows.filter((row) => !after || row.id > after.id).slice(0, take);
      },
      (row) => row.id,
    );
    return { page, seen };
  };

  it("hands the repository the query's filter limited to an operator's organisation", async () => {
    const { seen } = await list(principal('operator'), { status: 'open', limit: 2 });
    expect(seen).toEqual([{ status: 'open', ownerOrgId: 'org-operator' }]);
  });

  it('hands it no organisation for those who see all', async () => {
    const { seen } = await list(principal('staff'), { status: 'open', limit: 2 });
    expect(seen).toEqual([{ status: 'open', ownerOrgId: undefined }]);
  });

  it("follows its own cursor, but refuses one made in another organisation's scope", async () => {
    const first = await list(principal('operator'), { limit: 2 });
    expect(first.page.items).toHaveLength(2);
    const next = await list(principal('operator'), { limit: 2, cursor: first.page.nextCursor! });
    expect(next.page).toEqual({ items: [rows[2]!.id], nextCursor: null });
    await expect(list(principal('staff'), { limit: 2, cursor: first.page.nextCursor! })).rejects.toMatchObject({
      code: 'request.invalid_cursor',
    });
  });
});
