import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { Role } from '@baigou/core';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '../support/api';
import { merchantBody, purchaserBody } from '../support/fixtures';
import { sha, tradeHelpers } from '../support/trade';
import {
  createSchemaValues,
  deepArray,
  leafPaths,
  mutatedBody,
  oddBodyPayloads,
  oddJsonArbitrary,
  oddUrlValues,
  serialise,
  type FuzzRequest,
  type Mutation,
  type OpenApiDocument,
  type Operation,
  type Parameter,
} from './fuzz.support';

/**
 * OpenAPI-driven fuzzing of every route and method: each operation of /openapi.json gets a systematic
 * pass (every parameter and body field broken in each odd way) and random requests drawn by fast-check.
 * Whatever arrives, the answer is never a 5xx, and every error is RFC 9457 problem+json with a code.
 * `FUZZ_REQUESTS=10000` turns the random part into a long run of at least that many requests.
 */

const LONG_RUN = Number(process.env.FUZZ_REQUESTS ?? 0);
const RANDOM_PER_OPERATION = 10;
const SEED = Number(process.env.FUZZ_SEED ?? 20261205);

const api = useTestApi();
const trade = tradeHelpers(api);

interface Target {
  method: string;
  path: string;
  operation: Operation;
  roles: readonly Role[];
}

let targets: Target[];
const keys = {} as Record<Role, string>;
const ids = new Set<string>();
/** The fuzzer's own key ids: never drawn, or a random revoke would lock the fuzzer out of every later route. */
const ownKeyIds = new Set<string>();
let values: ReturnType<typeof createSchemaValues>;
/** Valid bodies for the routes whose schemas a generator cannot satisfy (check characters, existing parties). */
const examples = new Map<string, (seed: number) => unknown>();

beforeAll(async () => {
  const cast = await trade.cast(['Fuzz Operator A', 'Fuzz Operator B'], [7101, 7102]);
  Object.assign(keys, {
    operator: cast.operatorA.key,
    staff: cast.staff,
    customs: cast.customs,
    auditor: cast.auditor,
    admin: (await api.key('Baigou Trade Service Center', 'center', 'admin')).key,
  });
  const listed = await api.request(keys.admin, { method: 'GET', url: '/v1/admin/api-keys?limit=200' });
  for (const item of listed.json<{ items: { keyId: string }[] }>().items) ownKeyIds.add(item.keyId);
  expect(ownKeyIds.size).toBeGreaterThanOrEqual(5);
  const sale = await trade.submitSale(cast.operatorA, cast.unitPrice);
  for (const id of [sale.id, cast.operatorA.merchantId, cast.operatorA.purchaserId]) ids.add(id);
  const saleBody = (seed: number) => ({
    clientRef: `fuzz-${seed}-${randomUUID()}`,
    merchantId: cast.operatorA.merchantId,
    purchaserId: cast.operatorA.purchaserId,
    tradeDate: '2026-01-15',
    settlementMethod: 'bank_transfer',
    currency: 'CNY',
    documents: [{ sha256: sha(seed + 1), filename: 'slip.jpg', kind: 'sales_slip' }],
    lines: [{ description: 'PU女士手提包', quantity: '10', unit: '007', unitPrice: cast.unitPrice, amount: '' }],
  });
  const priced = (seed: number) => {
    const body = saleBody(seed);
    body.lines[0]!.amount = (10 * Number(cast.unitPrice)).toFixed(2);
    return body;
  };
  examples.set('POST /v1/merchants', (seed) => merchantBody(20_000 + (seed % 900)));
  examples.set('POST /v1/purchasers', (seed) => purchaserBody(20_000 + seed));
  examples.set('POST /v1/transactions', priced);
  examples.set('POST /v1/transactions/batch', (seed) => ({ items: [priced(seed), priced(seed + 1)] }));
  const document = (await api.app.inject({ method: 'GET', url: '/openapi.json' })).json<OpenApiDocument>();
  values = createSchemaValues(document, () => [...ids]);
  const rolesOf = new Map(api.app.routeRoles.map((route) => [`${route.method} ${route.path}`, route.roles]));
  targets = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      operation,
      roles: rolesOf.get(`${method.toUpperCase()} ${path}`) ?? [],
    })),
  );
}, 120_000);

const parameters = (target: Target, where: Parameter['in']) =>
  (target.operation.parameters ?? []).filter((parameter) => parameter.in === where);

const bodySchema = (target: Target) => target.operation.requestBody?.content?.['application/json']?.schema;

const sample = <T>(arbitrary: fc.Arbitrary<T>, seed: number): T => fc.sample(arbitrary, { seed, numRuns: 1 })[0]!;

/** Path and query with valid-looking values, `override` (already percent-encoded) in place of one parameter. */
function urlFor(target: Target, seed: number, override?: { name: string; encoded: string }): string {
  const encode = (parameter: Parameter) =>
    override?.name === parameter.name
      ? override.encoded
      : encodeURIComponent(String(sample(values.valueFor(parameter.schema ?? { type: 'string' }), seed)));
  const path = target.path.replace(/\{([^}]+)\}/g, (_match, name: string) => {
    const parameter = parameters(target, 'path').find((candidate) => candidate.name === name);
    return parameter ? encode(parameter) : randomUUID();
  });
  const query = parameters(target, 'query')
    .filter((parameter) => parameter.required || override?.name === parameter.name || seed % 2 === 0)
    .map((parameter) => `${encodeURIComponent(parameter.name)}=${encode(parameter)}`);
  return query.length ? `${path}?${query.join('&')}` : path;
}

const baseBody = (target: Target, seed: number) => {
  const example = examples.get(`${target.method} ${target.path}`);
  if (example) return example(seed);
  const schema = bodySchema(target);
  return schema ? sample(values.valueFor(schema), seed) : undefined;
};

const stats = { requests: 0, byStatus: new Map<number, number>() };
const failures: string[] = [];

async function send(target: Target, request: FuzzRequest, role?: Role | null): Promise<LightMyRequestResponse> {
  const chosen = role === undefined ? target.roles[0] : role;
  const headers: Record<string, string> = {};
  if (chosen) headers.authorization = `Bearer ${keys[chosen]}`;
  if (request.method === 'POST') headers['idempotency-key'] = randomUUID();
  if (request.payload !== undefined) headers['content-type'] = request.contentType ?? 'application/json';
  const response = await api.app.inject({
    method: request.method as 'GET',
    url: request.url,
    headers,
    ...(request.payload !== undefined ? { payload: request.payload } : {}),
  });
  stats.requests += 1;
  stats.byStatus.set(response.statusCode, (stats.byStatus.get(response.statusCode) ?? 0) + 1);
  const fault = verdict(response);
  if (fault && failures.length < 5000) {
    const payload = request.payload === undefined ? '' : ` ${String(request.payload).slice(0, 200)}`;
    failures.push(`${request.method} ${request.url.slice(0, 200)}${payload} → ${fault}`);
  }
  if (response.statusCode < 300) {
    for (const id of response.body.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? []) {
      if (ids.size < 500 && !ownKeyIds.has(id)) ids.add(id);
    }
  }
  return response;
}

/** Why this answer breaks the contract, or undefined when it keeps it. */
function verdict(response: LightMyRequestResponse): string | undefined {
  const status = response.statusCode;
  if (status >= 500) return `${status} ${response.body.slice(0, 300)}`;
  if (status < 400) return undefined;
  const type = String(response.headers['content-type'] ?? '');
  if (!type.startsWith('application/problem+json')) return `${status} as ${type || 'no content type'}`;
  try {
    const problem = JSON.parse(response.body) as { code?: unknown; status?: unknown };
    if (typeof problem.code !== 'string' || problem.status !== status) return `${status} problem without code/status`;
  } catch {
    return `${status} problem+json that is not JSON`;
  }
  return undefined;
}

/** Every parameter and body field broken in each odd way, once. */
async function systematicPass(target: Target) {
  const started = Date.now();
  for (const parameter of [...parameters(target, 'path'), ...parameters(target, 'query')]) {
    for (const encoded of oddUrlValues) {
      await send(target, { method: target.method, url: urlFor(target, 1, { name: parameter.name, encoded }) });
    }
  }
  const url = urlFor(target, 1);
  if (target.method !== 'POST') {
    await send(target, { method: target.method, url, payload: deepArray(100_000) });
    return;
  }
  for (const odd of oddBodyPayloads) await send(target, { method: 'POST', url, ...odd });
  const base = baseBody(target, 1);
  if (base === undefined) return;
  await send(target, { method: 'POST', url, payload: serialise(base) });
  const oddValues = ['a\u0000b', 'PU\ud800', '0000-01-01', '0001-01-01', 1e308, { raw: deepArray(20_000) }];
  for (let pick = 0; pick < Math.min(leafPaths(base).length, 30); pick += 1) {
    for (const odd of oddValues) {
      await send(target, { method: 'POST', url, payload: serialise(mutatedBody(base, 'odd-value', pick, odd)) });
    }
    await send(target, { method: 'POST', url, payload: serialise(mutatedBody(base, 'missing', pick, null)) });
  }
  if (process.env.FUZZ_DUMP) console.info(target.method, target.path, Date.now() - started);
}

const mutations: Mutation[] = ['valid', 'odd-value', 'odd-value', 'missing', 'unknown-field', 'whole-body'];

/** One request drawn at random: a mutation of a schema-shaped body, odd parameters, any role or none. */
function randomRequest(target: Target) {
  return fc
    .record({
      seed: fc.nat(),
      mutation: fc.constantFrom(...mutations),
      pick: fc.nat({ max: 200 }),
      odd: oddJsonArbitrary,
      oddParameter: fc.option(fc.constantFrom(...oddUrlValues), { nil: undefined }),
      role: fc.oneof(
        { weight: 8, arbitrary: fc.constant(undefined) },
        {
          weight: 2,
          arbitrary: fc.constantFrom<Role | null>('operator', 'staff', 'customs', 'auditor', 'admin', null),
        },
      ),
    })
    .map(({ seed, mutation, pick, odd, oddParameter, role }) => {
      const named = [...parameters(target, 'path'), ...parameters(target, 'query')];
      const broken = oddParameter && named.length ? named[pick % named.length] : undefined;
      const url = urlFor(
        target,
        seed,
        broken && oddParameter ? { name: broken.name, encoded: oddParameter } : undefined,
      );
      const base = baseBody(target, seed);
      const payload =
        target.method === 'POST' && base !== undefined ? serialise(mutatedBody(base, mutation, pick, odd)) : undefined;
      return { request: { method: target.method, url, ...(payload !== undefined ? { payload } : {}) }, role };
    });
}

describe('fuzzing every route of /openapi.json', () => {
  it(
    'never answers 5xx and answers every error as problem+json with a code',
    async () => {
      const started = Date.now();
      expect(targets.length).toBeGreaterThan(50);
      for (const target of targets) await systematicPass(target);
      const perOperation = LONG_RUN
        ? Math.ceil(Math.max(0, LONG_RUN - stats.requests) / targets.length)
        : RANDOM_PER_OPERATION;
      for (const [index, target] of targets.entries()) {
        const drawn = fc.sample(randomRequest(target), { seed: SEED + index, numRuns: perOperation });
        for (const { request, role } of drawn) await send(target, request, role);
      }
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const statuses = Object.fromEntries([...stats.byStatus].sort(([a], [b]) => a - b));
      console.info(`fuzz: ${stats.requests} requests over ${targets.length} operations in ${seconds} s`, statuses);
      if (process.env.FUZZ_DUMP) writeFileSync(process.env.FUZZ_DUMP, failures.join('\n'));
      expect(failures).toEqual([]);
    },
    LONG_RUN ? 3_600_000 : 240_000,
  );
});
