import {
  OperatorView,
  organisationKinds,
  roles,
  type AccessService,
  type RegistryService,
  type Role,
} from '@baigou/core';
import { z } from 'zod';
import { authProblems } from '../http/problem';
import { principalOf, type App } from '../http/types';

const EVERYONE: readonly Role[] = ['operator', 'customs', 'staff', 'auditor', 'admin'];

const Me = z.object({
  orgId: z.uuid(),
  orgName: z.string(),
  orgKind: z.enum(organisationKinds),
  role: z.enum(roles),
  keyId: z.uuid(),
  operator: OperatorView.nullable().describe('The registration an operator organisation carries once registered'),
});

/** Who the caller is: its organisation, role and, for an operator, its registration. */
export function meRoutes(app: App, { access, registry }: { access: AccessService; registry: RegistryService }) {
  app.get(
    '/v1/me',
    {
      config: { roles: EVERYONE },
      schema: {
        tags: ['access'],
        summary: 'The calling key, its organisation and registration',
        response: { 200: Me, ...authProblems },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const organisation = await access.getOrganisation(principal.orgId);
      return {
        orgId: principal.orgId,
        orgName: organisation?.name ?? '',
        orgKind: principal.orgKind,
        role: principal.role,
        keyId: principal.keyId,
        operator: principal.orgKind === 'operator' ? await registry.operatorOf(principal.orgId) : null,
      };
    },
  );
}
