import {
  DecisionInput,
  Loose,
  ProgrammeProposalInput,
  ProgrammeVersionView,
  RejectionInput,
  type Role,
  type SubsidyService,
} from '@baigou/core';
import { z } from 'zod';
import { authProblems, problems } from '../../http/problem';
import { principalOf, type App } from '../../http/types';

const STAFF: readonly Role[] = ['staff'];
const READERS: readonly Role[] = ['staff', 'auditor', 'operator'];
const IdParams = z.strictObject({ id: z.uuid() });

/** 专项资金方案: programme versions proposed, compared and decided by staff; readable by firms and auditors. */
export function programmeRoutes(app: App, { subsidy }: { subsidy: SubsidyService }) {
  app.post(
    '/v1/subsidy/programme-versions',
    {
      config: { roles: STAFF },
      schema: {
        tags: ['subsidy'],
        summary:
          'Propose a programme version (items, conditions, caps, budget, rate rule), with its changes against the one in force',
        body: ProgrammeProposalInput,
        response: { 201: ProgrammeVersionView, ...authProblems, ...problems(409, 413, 415) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await subsidy.programmes.propose(principalOf(request), request.body)),
  );

  app.get(
    '/v1/subsidy/programme-versions',
    {
      config: { roles: READERS },
      schema: {
        tags: ['subsidy'],
        summary: 'Programme versions, newest first, and which one is in force today',
        response: {
          200: z.object({ items: z.array(ProgrammeVersionView), inForce: z.uuid().nullable() }),
          ...authProblems,
        },
      },
    },
    async () => subsidy.programmes.list(),
  );
  programmeReadRoutes(app, { subsidy });
}

/** One programme version and its diff against another. */
function programmeReadRoutes(app: App, { subsidy }: { subsidy: SubsidyService }) {
  app.get(
    '/v1/subsidy/programme-versions/:id',
    {
      config: { roles: READERS },
      schema: {
        tags: ['subsidy'],
        summary: 'A programme version with its canonical document hash',
        params: IdParams,
        response: { 200: ProgrammeVersionView, ...authProblems, ...problems(404) },
      },
    },
    async (request) => subsidy.programmes.get(request.params.id),
  );

  app.get(
    '/v1/subsidy/programme-versions/:id/diff',
    {
      config: { roles: READERS },
      schema: {
        tags: ['subsidy'],
        summary: 'What a version changes against another',
        params: IdParams,
        querystring: z.strictObject({ against: z.uuid() }),
        response: { 200: z.object({ changes: z.array(Loose) }), ...authProblems, ...problems(404) },
      },
    },
    async (request) => ({ changes: await subsidy.programmes.diff(request.params.id, request.query.against) }),
  );

  for (const decision of ['approve', 'reject'] as const) {
    app.post(
      `/v1/subsidy/programme-versions/:id/${decision}`,
      {
        config: { roles: STAFF },
        schema: {
          tags: ['subsidy'],
          summary:
            decision === 'approve'
              ? 'Approve a proposal: in force from its effective date (one approved version per date)'
              : 'Reject a proposal, with a reason',
          params: IdParams,
          body: decision === 'approve' ? DecisionInput : RejectionInput,
          response: { 200: ProgrammeVersionView, ...authProblems, ...problems(404, 409, 415) },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const reason = request.body.reason;
        return decision === 'approve'
          ? subsidy.programmes.approve(principal, request.params.id, reason ?? null)
          : subsidy.programmes.reject(principal, request.params.id, reason!);
      },
    );
  }
}
