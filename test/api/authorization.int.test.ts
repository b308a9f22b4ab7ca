import { readFileSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import {
  parseRouteRolesMarkdown,
  ROUTE_ROLES_END,
  ROUTE_ROLES_START,
  routeRolesMarkdown,
  type RouteRoles,
} from '@baigou/api/http/route-roles';
import { createAccessService, roles, type Role } from '@baigou/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '../support/api';
import { expectProblem } from '../support/http-assertions';
import { tradeHelpers, type TradeOperator } from '../support/trade';

/**
 * Issue 16, item 7: the route table (each route's declared roles) is the single source of truth. The README's
 * table is generated from it (`UPDATE_README=1` rewrites it) and this file drives every cell: every route ×
 * every role, with no key and with a revoked key, and an operator's records from the other operator.
 */

const README = new URL('../../README.md', import.meta.url);
const api = useTestApi();
const trade = tradeHelpers(api);
const keys = {} as Record<Role, string>;
let revoked: string;
let operatorA: TradeOperator;
let operatorB: TradeOperator;
/** An id of operator A's own record per path prefix. */
const owned = new Map<string, string>();

beforeAll(async () => {
  const cast = await trade.cast(['Authz Operator A', 'Authz Operator B'], [7501, 7502]);
  ({ operatorA, operatorB } = cast);
  Object.assign(keys, {
    operator: operatorA.key,
    customs: cast.customs,
    staff: cast.staff,
    auditor: cast.auditor,
    admin: (await api.key('Baigou Trade Service Center', 'center', 'admin')).key,
  });
  const doomed = await api.key('Authz Operator A', 'operator', 'operator');
  await createAccessService({ db: api.env.database.db }).revokeKey(doomed.keyId, 'left the company');
  revoked = doomed.key;
  const sale = await trade.submitSale(operatorA, cast.unitPrice);
  const me = await trade.get(operatorA.key, '/v1/operators?limit=1');
  owned.set('/v1/operators/{id}', me.json<{ items: { id: string }[] }>().items[0]!.id);
  owned.set('/v1/merchants/{id}', operatorA.merchantId);
  owned.set('/v1/purchasers/{id}', operatorA.purchaserId);
  owned.set('/v1/transactions/{id}', sale.id);
});

const sortedRoutes = (routes: readonly RouteRoles[]) =>
  [...routes]
    .map((route) => ({ method: route.method, path: route.path, roles: [...route.roles].sort() }))
    .sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));

function documented(): RouteRoles[] {
  return parseRouteRolesMarkdown(readFileSync(README, 'utf8'));
}

const urlOf = (route: RouteRoles, id: string = randomUUID()) => route.path.replace(/\{[^}]+\}/g, id);

function call(key: string | null, route: RouteRoles, id?: string) {
  return api.request(key, {
    method: route.method as 'GET' | 'POST',
    url: urlOf(route, id),
    ...(route.method === 'POST' ? { payload: {} } : {}),
  });
}

describe('the README role table', () => {
  it('is the route table, generated from the routes’ own declarations', () => {
    const table = routeRolesMarkdown(api.app.routeRoles);
    if (process.env.UPDATE_README) {
      const text = readFileSync(README, 'utf8');
      const start = text.indexOf(ROUTE_ROLES_START) + ROUTE_ROLES_START.length;
      writeFileSync(README, `${text.slice(0, start)}\n\n${table}\n\n${text.slice(text.indexOf(ROUTE_ROLES_END))}`);
    }
    expect(sortedRoutes(documented()), 'README out of date: run this test with UPDATE_README=1').toEqual(
      sortedRoutes(api.app.routeRoles),
    );
  });

  it('gives admin platform operations only: organisations and keys, its identity, the code lists', () => {
    const adminRoutes = documented().filter((route) => route.roles.includes('admin'));
    expect(adminRoutes.length).toBeGreaterThan(0);
    for (const route of adminRoutes) expect(route.path).toMatch(/^\/v1\/(admin\/|me$|reference\/)/);
  });
});

describe('every route × every role, as documented', () => {
  it('answers 401 without a key and with a revoked key, on every route', async () => {
    for (const route of documented()) {
      expectProblem(await call(null, route), 401, 'auth.missing_credentials');
      expectProblem(await call(revoked, route), 401, 'auth.invalid_key');
    }
  });

  it('lets exactly the documented roles through, and answers 403 to the others', async () => {
    const observed: RouteRoles[] = [];
    for (const route of documented()) {
      const allowed: Role[] = [];
      for (const role of roles) {
        const res = await call(keys[role], route);
        const refused = res.statusCode === 403 && res.json<{ code: string }>().code === 'auth.forbidden_role';
        expect(res.statusCode, `${role} ${route.method} ${route.path}: ${res.body}`).not.toBe(401);
        if (!refused) allowed.push(role);
      }
      observed.push({ method: route.method, path: route.path, roles: allowed });
    }
    expect(sortedRoutes(observed)).toEqual(sortedRoutes(documented()));
  });

  it('shows an operator its own records and answers 404 for the other operator’s, on every GET by id', async () => {
    const byId = documented().filter(
      (route) => route.method === 'GET' && [...owned.keys()].some((prefix) => route.path.startsWith(prefix)),
    );
    expect(byId.length).toBeGreaterThanOrEqual(owned.size);
    for (const route of byId) {
      const id = [...owned].find(([prefix]) => route.path.startsWith(prefix))![1];
      const own = await call(operatorA.key, route, id);
      expect(own.statusCode, `own ${route.path}: ${own.body}`).toBe(200);
      const other = await call(operatorB.key, route, id);
      expect(other.statusCode, `other ${route.path}: ${other.body}`).toBe(404);
      expect(other.json<{ code: string }>().code).toMatch(/not_found$/);
    }
  });
});
