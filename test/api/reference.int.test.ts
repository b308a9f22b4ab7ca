import type { OrganisationKind, Role } from '@baigou/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '../support/api';
import { expectProblem, problemPaths } from '../support/http-assertions';

interface ReferenceListBody {
  list: string;
  version: string | null;
  effectiveFrom: string | null;
  items: { code: string; nameZh: string | null; nameEn: string | null }[];
}

describe('GET /v1/reference/:list', () => {
  const api = useTestApi();
  let key: string;

  beforeAll(async () => {
    key = (await api.key('Reference Reader Co.', 'operator', 'operator')).key;
  });

  const read = async (url: string) => {
    const response = await api.request(key, { method: 'GET', url });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<ReferenceListBody>();
  };

  it('finds Russia in the country list by its code RUS, in any case', async () => {
    for (const q of ['RUS', 'rus']) {
      const body = await read(`/v1/reference/country?q=${q}`);
      expect(body).toMatchObject({ list: 'country', version: 'single-window-2018', effectiveFrom: '2018-08-01' });
      expect(body.items).toContainEqual({ code: 'RUS', nameZh: '俄罗斯联邦', nameEn: 'Russian Federation (the)' });
      expect(body.items.length).toBeLessThan(10);
    }
  });

  it('finds a country by a substring of its Chinese name', async () => {
    // 俄罗斯 is also part of 白俄罗斯 (Belarus).
    const body = await read(`/v1/reference/country?q=${encodeURIComponent('俄罗斯')}`);
    expect(body.items.map((item) => item.code).sort()).toEqual(['BLR', 'RUS']);
  });

  it('returns only the 4202xxxx tariff items (trunks, suitcases, handbags) for q=4202', async () => {
    const body = await read('/v1/reference/hs8?q=4202');
    expect(body.version).toBe('cn-tariff-2023');
    expect(body.items.length).toBeGreaterThan(5);
    for (const item of body.items) expect(item.code).toMatch(/^4202[0-9]{4}$/);
  });

  it('lists supervision mode 1039 (market procurement)', async () => {
    const body = await read('/v1/reference/supervision_mode?q=1039');
    expect(body.items).toContainEqual(expect.objectContaining({ code: '1039', nameZh: '市场采购' }));
  });

  it('derives the HS chapters from the tariff', async () => {
    const chapters = (await read('/v1/reference/hs_chapter')).items.map((item) => item.code);
    expect(chapters).toContain('42');
    expect(chapters).not.toContain('77');
    for (const chapter of chapters) expect(chapter).toMatch(/^[0-9]{2}$/);
  });

  it('caps the items at 200 by default and at the requested limit', async () => {
    expect((await read('/v1/reference/hs8')).items).toHaveLength(200);
    expect((await read('/v1/reference/hs8?limit=5')).items).toHaveLength(5);
  });

  it('returns no version and no items for a date before the list came into force', async () => {
    expect(await read('/v1/reference/hs8?on=2022-12-31&q=4202')).toMatchObject({
      version: null,
      effectiveFrom: null,
      items: [],
    });
    expect((await read('/v1/reference/hs8?on=2023-01-01&q=4202')).version).toBe('cn-tariff-2023');
  });

  it('refuses an unknown list with 400 naming /params/list', async () => {
    const response = await api.request(key, { method: 'GET', url: '/v1/reference/planets' });
    expect(problemPaths(expectProblem(response, 400, 'request.validation_failed'))).toEqual(['/params/list']);
  });

  it('refuses a limit over 200, a malformed date and an unknown parameter with 400 naming each', async () => {
    const cases = [
      ['/v1/reference/hs8?limit=201', '/querystring/limit'],
      ['/v1/reference/hs8?on=2023-13-01', '/querystring/on'],
      ['/v1/reference/hs8?page=2', '/querystring/page'],
    ] as const;
    for (const [url, path] of cases) {
      const response = await api.request(key, { method: 'GET', url });
      expect(problemPaths(expectProblem(response, 400, 'request.validation_failed')), url).toEqual([path]);
    }
  });

  it('may be read by every role', async () => {
    const holders: [OrganisationKind, Role][] = [
      ['operator', 'operator'],
      ['customs', 'customs'],
      ['center', 'staff'],
      ['center', 'admin'],
      ['auditor', 'auditor'],
    ];
    for (const [kind, role] of holders) {
      const holder = await api.key(`Reader ${role}`, kind, role);
      const response = await api.request(holder.key, { method: 'GET', url: '/v1/reference/currency?q=CNY' });
      expect(response.statusCode, role).toBe(200);
      expect(response.json<ReferenceListBody>().items).toContainEqual(expect.objectContaining({ code: 'CNY' }));
    }
  });

  it('refuses an anonymous caller with 401', async () => {
    expectProblem(
      await api.request(null, { method: 'GET', url: '/v1/reference/country' }),
      401,
      'auth.missing_credentials',
    );
  });
});
