import { describe, expect, it } from 'vitest';
import { roles, type OrganisationKind, type Principal, type Role } from './access.models';
import { inTenantScope, staffWideScope, tenantScope } from './tenant-scope';

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
