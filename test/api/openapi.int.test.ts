import { compileErrors, validate } from '@readme/openapi-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '../support/api';

/** The parts of an OpenAPI 3.1 document these tests read. */
interface Operation {
  security?: Record<string, string[]>[];
  responses?: Record<string, { $ref?: string; content?: Record<string, { schema?: { $ref?: string } }> }>;
}
interface Document {
  openapi: string;
  paths?: Record<string, Partial<Record<string, Operation>>>;
  security?: Record<string, string[]>[];
  components?: { securitySchemes?: Record<string, unknown>; schemas?: Record<string, { required?: string[] }> };
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;

const parties = ['/v1/operators', '/v1/merchants', '/v1/purchasers'];
/** Every /v1 operation the platform offers at this stage, as `METHOD path`. */
const expectedOperations = [
  'POST /v1/admin/api-keys',
  'GET /v1/admin/api-keys',
  'POST /v1/admin/api-keys/{id}/revoke',
  'GET /v1/reference/{list}',
  'GET /v1/price-library/product-types',
  'POST /v1/price-library/match',
  'GET /v1/price-library/matches/{id}',
  'POST /v1/price-library/matches/{id}/replay',
  'GET /v1/price-library/versions',
  'GET /v1/price-library/versions/{id}',
  'GET /v1/price-library/versions/{id}/diff',
  'POST /v1/price-library/versions/{id}/approve',
  'POST /v1/price-library/versions/{id}/reject',
  'POST /v1/price-library/imports',
  'POST /v1/price-library/adjustments',
  'POST /v1/price-library/alias-proposals',
  'POST /v1/price-library/matches/{id}/corrections',
  'GET /v1/exchange-rates',
  'POST /v1/exchange-rates',
  'GET /v1/credit/scorecards',
  'POST /v1/credit/scorecards',
  'GET /v1/credit/scorecards/{id}',
  'GET /v1/credit/scorecards/{id}/diff',
  'POST /v1/credit/scorecards/{id}/approve',
  'POST /v1/credit/scorecards/{id}/reject',
  'POST /v1/credit/scorecards/{id}/retire',
  'GET /v1/credit/me',
  'GET /v1/credit/operators/{operatorOrgId}/grade',
  'GET /v1/credit/operators/{operatorOrgId}/facts',
  'GET /v1/credit/operators/{operatorOrgId}/overrides',
  'POST /v1/credit/operators/{operatorOrgId}/rescore',
  'GET /v1/credit/decisions',
  'GET /v1/credit/decisions/{id}',
  'POST /v1/credit/decisions/{id}/replay',
  'GET /v1/credit/firms',
  'GET /v1/credit/statistics/monthly',
  'POST /v1/credit/facts',
  'POST /v1/credit/overrides',
  'POST /v1/credit/runs',
  'GET /v1/credit/runs',
  'GET /v1/credit/runs/{id}',
  'POST /v1/credit/appeals',
  'GET /v1/credit/appeals',
  'GET /v1/credit/appeals/{id}',
  'POST /v1/credit/appeals/{id}/decision',
  'GET /v1/payout/payments',
  'GET /v1/payout/payments/{id}',
  'POST /v1/payout/payments/{id}/decision',
  'POST /v1/payout/payments/{id}/clawback',
  'POST /v1/payout/payee-account',
  'GET /v1/payout/periods/{periodId}/batch',
  'GET /v1/payout/periods/{periodId}/payments/export',
  'GET /v1/payout/ledger/accounts',
  'GET /v1/payout/ledger/figures',
  'GET /v1/payout/ledger/accounts/{id}/transfers',
  'POST /v1/payout/bank-callbacks',
  'POST /v1/payout/reconciliations',
  'GET /v1/payout/reconciliations',
  'GET /v1/payout/reconciliations/{id}',
  'GET /v1/payout/reconciliations/{id}/export',
  ...parties.flatMap((path) => [
    `POST ${path}`,
    `GET ${path}`,
    `GET ${path}/{id}`,
    `POST ${path}/{id}/approve`,
    `POST ${path}/{id}/reject`,
    `POST ${path}/{id}/suspend`,
    `GET ${path}/{id}/history`,
  ]),
];

function operations(document: Document): { name: string; path: string; method: string; operation: Operation }[] {
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    HTTP_METHODS.flatMap((method) => {
      const operation = item?.[method];
      return operation ? [{ name: `${method.toUpperCase()} ${path}`, path, method, operation }] : [];
    }),
  );
}

/** `METHOD path` of every route the app serves, read from Fastify's route tree (OpenAPI-style `{param}`). */
function servedRoutes(tree: string): string[] {
  const paths: string[] = [];
  const served: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^((?:│ {3}| {4})*)[├└]── (\S+)(?: \(([^)]*)\))?/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    paths.length = depth;
    const path = (paths[depth - 1] ?? '') + match[2]!;
    paths[depth] = path;
    for (const method of (match[3] ?? '').split(', ').filter(Boolean)) {
      served.push(`${method} ${path.replace(/:(\w+)/g, '{$1}')}`);
    }
  }
  return served;
}

const problemRef = '#/components/schemas/Problem';

/** The bank's callback route: authenticated by its signature, not a key, so it has no roles (403) or rate limit (429). */
const signedByBank = (operation: Operation) =>
  (operation.security ?? []).some((requirement) => Object.hasOwn(requirement, 'bankSignature'));

/** The error statuses whose responses an operation documents with the Problem schema. */
function problemStatuses(operation: Operation): string[] {
  return Object.entries(operation.responses ?? {})
    .filter(([status, response]) => {
      if (!/^[45]\d\d$/.test(status)) return false;
      return Object.values(response.content ?? {}).some((media) => media.schema?.$ref === problemRef);
    })
    .map(([status]) => status);
}

describe('OpenAPI document', () => {
  const api = useTestApi();
  let document: Document;

  beforeAll(async () => {
    const response = await api.request(null, { method: 'GET', url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    document = response.json<Document>();
  });

  it('passes an independent OpenAPI validator', async () => {
    const result = await validate(structuredClone(document) as Parameters<typeof validate>[0]);
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
  });

  it('declares OpenAPI 3.1', () => {
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
  });

  it('documents the registry, reference, price-library and admin operations', () => {
    expect(operations(document).map((entry) => entry.name)).toEqual(expect.arrayContaining(expectedOperations));
  });

  it('documents every /v1 route the app serves', () => {
    const served = servedRoutes(api.app.printRoutes({ commonPrefix: false })).filter(
      (route) => route.includes(' /v1/') && !route.startsWith('HEAD '),
    );
    expect(served).toEqual(expect.arrayContaining(expectedOperations));
    expect(
      operations(document)
        .map((entry) => entry.name)
        .sort(),
    ).toEqual(served.sort());
  });

  it('leaves infrastructure endpoints out of the document', () => {
    for (const path of ['/healthz', '/readyz', '/metrics', '/openapi.json'])
      expect(document.paths).not.toHaveProperty([path]);
  });

  it('requires the bearer API key scheme on every operation', () => {
    const schemes = document.components?.securitySchemes ?? {};
    expect(schemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const { name, operation } of operations(document)) {
      const security = operation.security ?? document.security ?? [];
      expect(security, name).not.toHaveLength(0);
      for (const requirement of security) {
        expect(Object.keys(requirement).length, name).toBeGreaterThan(0);
        for (const scheme of Object.keys(requirement))
          expect(schemes, `${name} uses ${scheme}`).toHaveProperty([scheme]);
      }
    }
  });

  it('documents the Problem responses of authentication, authorisation, validation and rate limiting on every operation', () => {
    for (const { name, operation } of operations(document)) {
      const expected = signedByBank(operation) ? ['400', '401'] : ['400', '401', '403', '429'];
      expect(problemStatuses(operation), name).toEqual(expect.arrayContaining(expected));
    }
  });

  it('documents the success response of every operation, and 404 on every operation addressed by id', () => {
    for (const { name, path, method, operation } of operations(document)) {
      const statuses = Object.keys(operation.responses ?? {});
      const creates = method === 'post' && !path.includes('{id}') && !signedByBank(operation);
      expect(statuses, name).toContain(creates ? '201' : '200');
      if (path.includes('{id}')) expect(problemStatuses(operation), name).toContain('404');
    }
  });

  it('defines the Problem schema with the fields every error carries', () => {
    expect(document.components?.schemas?.Problem?.required).toEqual(
      expect.arrayContaining(['type', 'title', 'status', 'code', 'requestId']),
    );
  });

  it('serves interactive documentation as HTML at /docs', async () => {
    const response = await api.request(null, { method: 'GET', url: '/docs' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toMatch(/<html/i);
  });
});
