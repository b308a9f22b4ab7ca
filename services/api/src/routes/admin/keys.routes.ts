import { organisationKinds, PageQuery, roles, type AccessService } from '@baigou/core';
import { z } from 'zod';
import { authProblems, problems } from '../../http/problem';
import type { App } from '../../http/types';

const ADMIN = { roles: ['admin'] as const };
const ADMIN_SECRET = { ...ADMIN, secretResponse: true };

const CreateKey = z.strictObject({
  orgName: z.string().trim().min(1).max(200),
  kind: z.enum(organisationKinds),
  role: z.enum(roles),
  label: z.string().trim().min(1).max(200).optional(),
});

const CreatedKey = z.object({
  orgId: z.uuid(),
  orgName: z.string(),
  keyId: z.uuid(),
  role: z.enum(roles),
  key: z.string().describe('Shown once; store it now'),
});

const KeySummary = z.object({
  keyId: z.uuid(),
  keyPrefix: z.string(),
  role: z.enum(roles),
  label: z.string().nullable(),
  orgId: z.uuid(),
  orgName: z.string(),
  orgKind: z.enum(organisationKinds),
  createdAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
});

/** Platform operations: organisations and their API keys. */
export function keysRoutes(app: App, { access }: { access: AccessService }) {
  app.post(
    '/v1/admin/api-keys',
    {
      config: ADMIN_SECRET,
      schema: {
        tags: ['admin'],
        summary:
          'Create an API key (and its organisation, if new); a retry with the same Idempotency-Key answers 409, never the secret again',
        body: CreateKey,
        response: { 201: CreatedKey, ...authProblems, ...problems(409, 422) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await access.createKey({ ...request.body, orgName: request.body.orgName })),
  );

  app.get(
    '/v1/admin/api-keys',
    {
      config: ADMIN,
      schema: {
        tags: ['admin'],
        summary: 'List API keys, oldest first (never the secrets)',
        querystring: PageQuery,
        response: { 200: z.object({ items: z.array(KeySummary), nextCursor: z.string().nullable() }), ...authProblems },
      },
    },
    async (request) => {
      const page = await access.listKeys(request.query);
      return {
        items: page.items.map(({ id: keyId, ...key }) => ({
          ...key,
          keyId,
          createdAt: key.createdAt.toISOString(),
          revokedAt: key.revokedAt?.toISOString() ?? null,
        })),
        nextCursor: page.nextCursor,
      };
    },
  );

  app.post(
    '/v1/admin/api-keys/:id/revoke',
    {
      config: ADMIN,
      schema: {
        tags: ['admin'],
        summary: 'Revoke an API key; it is refused from the next request on',
        params: z.strictObject({ id: z.uuid() }),
        body: z.strictObject({ reason: z.string().trim().min(1).max(500) }),
        response: {
          200: z.object({ keyId: z.uuid(), revokedAt: z.iso.datetime() }),
          ...authProblems,
          ...problems(404, 409),
        },
      },
    },
    async (request) => {
      const revoked = await access.revokeKey(request.params.id, request.body.reason);
      return { keyId: revoked.keyId, revokedAt: revoked.revokedAt.toISOString() };
    },
  );
}
