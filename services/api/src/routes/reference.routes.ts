import { FilterDate, referenceLists, type ReferenceService, type Role } from '@baigou/core';
import { z } from 'zod';
import { authProblems } from '../http/problem';
import type { App } from '../http/types';

const EVERYONE: readonly Role[] = ['operator', 'customs', 'staff', 'auditor', 'admin'];

/** The official code lists in force on a date, for clients to build their forms from. */
export function referenceRoutes(app: App, { reference }: { reference: ReferenceService }) {
  app.get(
    '/v1/reference/:list',
    {
      config: { roles: EVERYONE },
      schema: {
        tags: ['reference'],
        summary: 'An official code list (countries, currencies, units, transport modes, supervision modes, HS8 …)',
        params: z.strictObject({ list: z.enum(referenceLists) }),
        querystring: z.strictObject({
          on: FilterDate.optional().describe('Date the version must be in force on (default today)'),
          q: z.string().trim().min(1).max(50).optional().describe('Code prefix or a substring of the name'),
          limit: z.coerce.number().int().min(1).max(200).default(200),
        }),
        response: {
          200: z.object({
            list: z.string(),
            version: z.string().nullable(),
            effectiveFrom: z.string().nullable(),
            items: z.array(
              z.object({ code: z.string(), nameZh: z.string().nullable(), nameEn: z.string().nullable() }),
            ),
          }),
          ...authProblems,
        },
      },
    },
    async (request) => {
      const found = await reference.list(
        request.params.list,
        request.query.on ? new Date(request.query.on) : new Date(),
      );
      const q = request.query.q?.toLowerCase();
      const items = found.codes
        .filter(
          (item) =>
            !q ||
            item.code.startsWith(q.toUpperCase()) ||
            item.nameZh?.includes(q) ||
            item.nameEn?.toLowerCase().includes(q),
        )
        .slice(0, request.query.limit)
        .map(({ code, nameZh, nameEn }) => ({ code, nameZh, nameEn }));
      return { list: request.params.list, version: found.version, effectiveFrom: found.effectiveFrom, items };
    },
  );
}
