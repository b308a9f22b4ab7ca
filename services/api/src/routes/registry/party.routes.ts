import {
  DecisionBody,
  decisions,
  PartyListQuery,
  StatusHistoryEntry,
  type PartyType,
  type RegistryService,
  type Role,
} from '@baigou/core';
import { z } from 'zod';
import { authProblems, problems } from '../../http/problem';
import { principalOf, type App } from '../../http/types';

const READERS: readonly Role[] = ['operator', 'staff', 'auditor', 'customs'];
const DECIDERS: readonly Role[] = ['staff'];

const IdParams = z.strictObject({ id: z.uuid() });

/**
 * The routes the three party types share: get, search/list, staff decisions and history.
 * Registration itself differs per type and lives beside this file.
 */
export function partyRoutes<T extends PartyType>(
  app: App,
  { type, path, view, registry }: { type: T; path: string; view: z.ZodType; registry: RegistryService },
) {
  const tag = `${type}s`;

  app.get(
    `${path}/:id`,
    {
      config: { roles: READERS },
      schema: {
        tags: [tag],
        summary: `Get a ${type}`,
        params: IdParams,
        response: { 200: view, ...authProblems, ...problems(404) },
      },
    },
    async (request) => registry.get(principalOf(request), type, request.params.id),
  );

  app.get(
    path,
    {
      config: { roles: READERS },
      schema: {
        tags: [tag],
        summary: `Search and list ${type}s (an operator sees its own)`,
        querystring: PartyListQuery,
        response: { 200: z.object({ items: z.array(view), nextCursor: z.string().nullable() }), ...authProblems },
      },
    },
    async (request) => registry.list(principalOf(request), type, request.query),
  );

  for (const decision of decisions) {
    app.post(
      `${path}/:id/${decision}`,
      {
        config: { roles: DECIDERS },
        schema: {
          tags: [tag],
          summary: `Staff: ${decision} a ${type}${decision === 'approve' ? '' : ' (reason required)'}`,
          params: IdParams,
          body: DecisionBody,
          response: { 200: view, ...authProblems, ...problems(404, 409, 422) },
        },
      },
      async (request) => registry.decide(principalOf(request), type, request.params.id, decision, request.body.reason),
    );
  }

  app.get(
    `${path}/:id/history`,
    {
      config: { roles: READERS },
      schema: {
        tags: [tag],
        summary: `Registration decisions on a ${type}, oldest first`,
        params: IdParams,
        response: { 200: z.object({ items: z.array(StatusHistoryEntry) }), ...authProblems, ...problems(404) },
      },
    },
    async (request) => ({ items: await registry.history(principalOf(request), type, request.params.id) }),
  );
}
