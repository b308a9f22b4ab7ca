import { InsurancePolicyInput, Loose, PolicyClaimInput, type Role, type SubsidyService } from '@baigou/core';
import { z } from 'zod';
import { authProblems, problems } from '../../http/problem';
import { principalOf, type App } from '../../http/types';

const STAFF: readonly Role[] = ['staff'];
const READERS: readonly Role[] = ['staff', 'auditor'];
const IdParams = z.strictObject({ id: z.uuid() });

/** 信保: policies, insured firms matched to the register, claims on a policy, and the insurance accuracy. */
export function insuranceRoutes(app: App, { subsidy }: { subsidy: SubsidyService }) {
  app.post(
    '/v1/subsidy/insurance-policies',
    {
      config: { roles: STAFF },
      schema: {
        tags: ['subsidy'],
        summary:
          'Record a credit insurance policy and its insured firms; each firm is matched to the register of approved operators',
        body: InsurancePolicyInput,
        response: { 201: Loose, ...authProblems, ...problems(409, 413, 415) },
      },
    },
    async (request, reply) => reply.code(201).send(await subsidy.insurance.record(principalOf(request), request.body)),
  );

  app.get(
    '/v1/subsidy/insurance-policies/:id',
    {
      config: { roles: READERS },
      schema: {
        tags: ['subsidy'],
        summary: 'A policy with its insured firms (and why each matched or not) and claims',
        params: IdParams,
        response: { 200: Loose, ...authProblems, ...problems(404) },
      },
    },
    async (request) => subsidy.insurance.get(request.params.id),
  );

  app.post(
    '/v1/subsidy/insurance-policies/:id/claims',
    {
      config: { roles: STAFF },
      schema: {
        tags: ['subsidy'],
        summary: 'Record a claim on the policy when a buyer defaults',
        params: IdParams,
        body: PolicyClaimInput,
        response: { 200: Loose, ...authProblems, ...problems(404, 415) },
      },
    },
    async (request) => subsidy.insurance.recordClaim(principalOf(request), request.params.id, request.body),
  );

  app.get(
    '/v1/subsidy/insurance-accuracy',
    {
      config: { roles: READERS },
      schema: {
        tags: ['subsidy'],
        summary: '投保准确率: insured entries that are registered, approved operators, and the mismatches',
        response: { 200: Loose, ...authProblems },
      },
    },
    async () => subsidy.insurance.accuracy(),
  );
}
