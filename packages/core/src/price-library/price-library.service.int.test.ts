import ExcelJS from 'exceljs';
import {
  priceLibraryBands,
  priceLibraryVersions,
  priceMatchRecords,
  priceObservations,
  processedJobs,
} from '@baigou/db';
import { count, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestEnvironment } from '../../../../test/support/services';
import { createAccessService } from '../access/access.service';
import type { Principal } from '../access/access.models';
import { createExchangeRatesService, type ExchangeRatesService } from '../exchange-rates/exchange-rates.service';
import { createReferenceService } from '../reference/reference.service';
import { addDays, chinaDate, monthOf } from '../shared/dates';
import { isDomainError } from '../shared/errors';
import {
  type CatalogueSource,
  currentTitleModelId,
  type DemoBand,
  type Matcher,
  type ProductType,
} from './price-library.catalogue';
import { createPriceLibraryService, type PriceLibraryService } from './price-library.service';

// A small catalogue and a plain substring matcher, so these tests do not depend on the real
// catalogue's size or the real matcher's scoring (both have their own tests and bench).
const type = (
  code: string,
  nameZh: string,
  aliases: string[],
  hsCode: string,
  category: string,
  defaultUnit = '007',
): ProductType => ({
  code,
  nameZh,
  nameEn: code.toLowerCase(),
  aliases,
  hsCode,
  hs8: hsCode,
  unit1: defaultUnit === '035' ? '035' : '007',
  unit2: null,
  defaultUnit,
  category,
});

const fixtureTypes: ProductType[] = [
  type('T-PU-HANDBAG', 'PU手提包', ['PU女包', 'PU手袋'], '42022200', 'handbags'),
  type('T-LEATHER-HANDBAG', '真皮手提包', ['牛皮女包', '真皮手袋'], '42022100', 'handbags'),
  type('T-ABS-TROLLEY', 'ABS拉杆箱', ['ABS行李箱', 'ABS旅行箱'], '42021210', 'luggage'),
  type('T-NYLON-BACKPACK', '尼龙双肩包', ['尼龙背包'], '42029200', 'bags'),
  type('T-PE-RESIN', '聚乙烯颗粒', ['PE颗粒'], '39011000', 'plastics', '035'),
];

const demoMedians: Record<string, string> = {
  'T-PU-HANDBAG': '40.00',
  'T-LEATHER-HANDBAG': '180.00',
  'T-ABS-TROLLEY': '120.00',
  'T-NYLON-BACKPACK': '35.00',
  'T-PE-RESIN': '9.00',
};

const fixtureBands = (types: readonly ProductType[]): DemoBand[] =>
  types.map((each) => {
    const median = Number(demoMedians[each.code] ?? '10');
    return {
      productTypeCode: each.code,
      unit: each.defaultUnit,
      currency: 'CNY',
      median: median.toFixed(2),
      q1: (median * 0.85).toFixed(2),
      q3: (median * 1.2).toFixed(2),
      sampleSize: 0,
      windowFrom: '2024-01-01',
      windowTo: '2024-12-31',
      source: 'GENERATED DEMO DATA (test fixture)',
    };
  });

const catalogue: CatalogueSource = { loadCatalogue: () => fixtureTypes, demoReferenceBands: fixtureBands };

/** Scores a type by the longest of its names contained in the description; abstains below 3 characters. */
function substringMatcher(types: readonly ProductType[]): Matcher {
  return {
    size: types.length,
    match(description, limit = 5) {
      const scored = types
        .map((each) => {
          const terms = [each.nameZh, ...each.aliases].filter((term) => description.includes(term));
          const longest = Math.max(0, ...terms.map((term) => term.length));
          return {
            productTypeCode: each.code,
            hsCode: each.hsCode,
            name: each.nameZh,
            score: longest / 10,
            matchedTerms: terms,
          };
        })
        .filter((candidate) => candidate.score > 0)
        .sort((a, b) => b.score - a.score || a.productTypeCode.localeCompare(b.productTypeCode))
        .slice(0, limit);
      return { abstained: (scored[0]?.score ?? 0) < 0.3, candidates: scored };
    },
  };
}

const csv = (rows: string[][]) => Buffer.from(rows.map((row) => row.join(',')).join('\n'));
const header = [
  'product_type_code',
  'unit',
  'currency',
  'median',
  'q1',
  'q3',
  'sample_size',
  'window_from',
  'window_to',
  'source',
];

async function expectDomainError(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(isDomainError(error) ? error.code : error).toBe(code);
  return error as { extra?: Record<string, unknown>; fields?: unknown };
}

describe('price library service (价格库)', () => {
  const env = useTestEnvironment();
  let service: PriceLibraryService;
  let rates: ExchangeRatesService;
  let operator: Principal;
  let otherOperator: Principal;
  let staff: Principal;
  const today = chinaDate(new Date());
  const thisMonth = monthOf(today);

  const versionCount = async () => (await env.database.db.select({ n: count() }).from(priceLibraryVersions))[0]!.n;
  const bandCount = async () => (await env.database.db.select({ n: count() }).from(priceLibraryBands))[0]!.n;
  const activeVersion = async () =>
    (await env.database.db.select().from(priceLibraryVersions).where(eq(priceLibraryVersions.status, 'active')))[0]!;

  beforeAll(async () => {
    const { db } = env.database;
    const reference = createReferenceService({ db });
    rates = createExchangeRatesService({ db, reference });
    service = createPriceLibraryService({
      db,
      reference,
      exchangeRates: rates,
      catalogue,
      createMatcher: substringMatcher,
    });
    const access = createAccessService({ db });
    const principal = async (
      orgName: string,
      kind: 'operator' | 'center',
      role: 'operator' | 'staff',
    ): Promise<Principal> => {
      const created = await access.createKey({ orgName, kind, role });
      return { keyId: created.keyId, orgId: created.orgId, orgKind: kind, role };
    };
    operator = await principal('白沟箱包外贸 A', 'operator', 'operator');
    otherOperator = await principal('白沟箱包外贸 B', 'operator', 'operator');
    staff = await principal('Baigou Trade Service Center', 'center', 'staff');
    await rates.set(staff, { currency: 'USD', month: thisMonth, cnyPerUnit: '7.100000' });
  });

  describe('seeding', () => {
    it('creates one active demo version from the catalogue on an empty database, and nothing on a second call', async () => {
      expect(await service.ensureSeedVersion()).toEqual({ outcome: 'created' });
      expect(await service.ensureSeedVersion()).toEqual({ outcome: 'exists' });
      const versions = await env.database.db.select().from(priceLibraryVersions);
      expect(versions).toHaveLength(1);
      expect(versions[0]).toMatchObject({
        label: 'demo-1',
        status: 'active',
        source: 'seed-demo',
        demo: true,
        productTypeCount: 5,
        bandCount: 5,
      });
      expect(String(versions[0]!.summary.note)).toMatch(/no open price data exists/);
      // The learned second opinion the version is matched with (labelled titles' hash), pinned with it.
      expect(versions[0]!.summary.titleModel).toBe(currentTitleModelId());
      expect(String(versions[0]!.summary.titleModel)).toMatch(/^nb2:[0-9a-f]{12}$/);
    });
  });

  describe('matching and the price check', () => {
    it('answers candidates best first and records each line with the version it used', async () => {
      const active = await activeVersion();
      const answer = await service.match(operator, [{ description: '2026新款 真皮手提包 牛皮女包 大容量' }]);
      expect(answer).toMatchObject({ versionId: active.id, versionLabel: 'demo-1' });
      const [item] = answer.items;
      expect(item!.abstained).toBe(false);
      expect(item!.candidates.map((candidate) => candidate.productTypeCode)).toEqual(['T-LEATHER-HANDBAG']);
      expect(item!.priceCheck).toBeUndefined();
      const [record] = await env.database.db
        .select()
        .from(priceMatchRecords)
        .where(eq(priceMatchRecords.id, item!.matchId));
      expect(record).toMatchObject({
        orgId: operator.orgId,
        versionId: active.id,
        description: '2026新款 真皮手提包 牛皮女包 大容量',
      });
    });

    it('checks a priced line against the top candidate band and cites median, spread, n, window and version', async () => {
      const [ok, high, review] = (
        await service.match(operator, [
          { description: 'PU手提包 女款', unitPrice: '42.00', unit: '007', currency: 'CNY' },
          { description: 'PU手提包 女款', unitPrice: '55.00', unit: '007', currency: 'CNY' },
          { description: 'PU手提包 女款', unitPrice: '15.00', unit: '007', currency: 'CNY' },
        ])
      ).items;
      expect(ok!.priceCheck).toMatchObject({ status: 'ok', severity: 'none', deviation: '0.0500' });
      expect(high!.priceCheck).toMatchObject({ status: 'high', severity: 'warning' });
      expect(review!.priceCheck).toMatchObject({ status: 'low', severity: 'review' });
      expect(high!.priceCheck!.explanation).toContain(
        'reference median 40.00 CNY/007 (IQR 34.00–48.00, n=0, 2024-01-01..2024-12-31',
      );
      expect(high!.priceCheck!.explanation).toContain('version demo-1');
    });

    it('converts a price per dozen through the unit table and a USD price at the customs rate of the line month', async () => {
      const [dozen, dollars] = (
        await service.match(operator, [
          { description: 'PU手提包', unitPrice: '480', unit: '127', currency: 'CNY' },
          { description: 'PU手提包', unitPrice: '5.633803', unit: '007', currency: 'USD', lineDate: today },
        ])
      ).items;
      expect(dozen!.priceCheck).toMatchObject({ status: 'ok', comparableUnitPrice: '40.000000' });
      expect(dollars!.priceCheck).toMatchObject({
        status: 'ok',
        exchangeRates: { month: thisMonth, cnyPerUnit: { CNY: '1', USD: '7.100000' } },
      });
    });

    it('sends a line in a currency without a customs rate for its month, or in a unit of another dimension, to review', async () => {
      const [noRate, kilo] = (
        await service.match(operator, [
          { description: 'PU手提包', unitPrice: '5', unit: '007', currency: 'USD', lineDate: '2020-01-15' },
          { description: 'PU手提包', unitPrice: '40', unit: '035', currency: 'CNY' },
        ])
      ).items;
      expect(noRate!.priceCheck).toMatchObject({
        status: 'no_reference',
        severity: 'review',
        exchangeRates: { month: '2020-01', cnyPerUnit: { USD: null } },
      });
      expect(noRate!.priceCheck!.explanation).toMatch(/no customs exchange rate for USD/);
      expect(kilo!.priceCheck).toMatchObject({ status: 'unit_mismatch', severity: 'review' });
    });

    it('abstains on a description it cannot place and sends its price to review as a low-confidence match', async () => {
      const [item] = (
        await service.match(operator, [
          { description: '不锈钢保温杯 500ml', unitPrice: '12', unit: '007', currency: 'CNY' },
        ])
      ).items;
      expect(item).toMatchObject({
        abstained: true,
        candidates: [],
        priceCheck: { status: 'low_confidence_match', severity: 'review' },
      });
    });

    it('refuses a unit or currency outside the official lists, naming each, and records nothing', async () => {
      const before = (await env.database.db.select({ n: count() }).from(priceMatchRecords))[0]!.n;
      const error = await expectDomainError(
        service.match(operator, [
          { description: 'PU手提包', unitPrice: '40', unit: '999', currency: 'CNY' },
          { description: 'PU手提包', unitPrice: '40', unit: '007', currency: 'XXQ' },
        ]),
        'reference.unknown_code',
      );
      expect(error.fields).toEqual([
        expect.objectContaining({ path: '/body/items/0/unit' }),
        expect.objectContaining({ path: '/body/items/1/currency' }),
      ]);
      expect((await env.database.db.select({ n: count() }).from(priceMatchRecords))[0]!.n).toBe(before);
    });

    it('shows a stored match to its organisation and to staff, and answers not-found to another operator', async () => {
      const [item] = (await service.match(operator, [{ description: 'ABS拉杆箱 20寸' }])).items;
      expect((await service.getMatch(operator, item!.matchId)).id).toBe(item!.matchId);
      expect((await service.getMatch(staff, item!.matchId)).orgId).toBe(operator.orgId);
      await expectDomainError(service.getMatch(otherOperator, item!.matchId), 'price_library.match_not_found');
      await expectDomainError(service.replay(otherOperator, item!.matchId), 'price_library.match_not_found');
    });

    it('keeps match records, version snapshots and customs rates append-only in the database', async () => {
      const refused = (statement: ReturnType<typeof sql>, pattern: RegExp) =>
        expect(env.database.db.execute(statement)).rejects.toMatchObject({
          cause: { message: expect.stringMatching(pattern) },
        });
      await refused(sql`update price_match_records set description = 'x'`, /append-only/);
      await refused(sql`delete from price_library_bands`, /append-only/);
      await refused(sql`update price_library_product_types set name_zh = 'x'`, /append-only/);
      await refused(sql`update customs_exchange_rates set cny_per_unit = 1`, /append-only/);
      await refused(
        sql`update price_library_versions set default_band_policy = '{"soft":"0.9","hard":"0.99"}'`,
        /frozen/,
      );
      await refused(sql`update price_library_versions set status = 'proposed'`, /cannot go from active to proposed/);
      await refused(sql`delete from price_library_versions`, /never deleted/);
    });
  });

  describe('price-list import', () => {
    it('proposes a version with the listed bands replacing the active ones, and changes nothing active', async () => {
      const active = await activeVersion();
      const imported = await service.importPriceList(staff, {
        filename: 'survey-2026-10.csv',
        format: 'csv',
        content: csv([
          header,
          [
            'T-PU-HANDBAG',
            '007',
            'CNY',
            '44.50',
            '39.00',
            '51.00',
            '37',
            '2026-08-01',
            '2026-10-31',
            'market survey 2026-10',
          ],
          ['T-NYLON-BACKPACK', '127', 'CNY', '360', '300', '420', '12', '2026-08-01', '2026-10-31', ''],
        ]),
        via: 'api',
      });
      expect(imported).toMatchObject({
        rows: 2,
        bandsReplaced: 1,
        bandsAdded: 1,
        version: { status: 'proposed', source: 'import', baseVersionId: active.id, bandCount: 6, demo: true },
      });
      const diff = await service.diff(imported.version.id, active.id);
      expect(diff.bands.changed).toEqual([
        expect.objectContaining({
          productTypeCode: 'T-PU-HANDBAG',
          unit: '007',
          medianChangePercent: '11.25',
          from: expect.objectContaining({ median: '40.00' }),
          to: expect.objectContaining({ median: '44.50', sampleSize: 37 }),
        }),
      ]);
      expect(diff.bands.added).toEqual([
        expect.objectContaining({
          productTypeCode: 'T-NYLON-BACKPACK',
          unit: '127',
          source: 'import: survey-2026-10.csv',
        }),
      ]);
      expect(diff.bands.unchanged).toBe(4);
      expect((await activeVersion()).id).toBe(active.id);
      await service.reject(staff, imported.version.id, 'test import');
    });

    it('reports every bad row with each failing column and imports nothing of the file', async () => {
      const [versionsBefore, bandsBefore] = [await versionCount(), await bandCount()];
      const error = await expectDomainError(
        service.importPriceList(staff, {
          filename: 'bad.csv',
          format: 'csv',
          effectiveFrom: '2026-11-01',
          content: csv([
            header,
            ['T-PU-HANDBAG', '007', 'CNY', '44.50', '39.00', '51.00', '37', '2026-08-01', '2026-10-31', ''],
            ['T-UNKNOWN', '999', 'XXQ', '-1', '2', '1', '0', '2026-13-01', '2026-10-31', ''],
            ['T-PU-HANDBAG', '035', 'CNY', '40', '45', '50', '3', '2026-09-01', '2026-08-01', ''],
            ['T-PU-HANDBAG', '007', 'CNY', '40', '35', '45', '3', '2026-08-01', '2026-12-31', ''],
          ]),
          via: 'cli',
        }),
        'price_library.import_rejected',
      );
      expect(error.extra?.rows).toEqual([
        {
          row: 3,
          errors: [
            { column: 'product_type_code', message: expect.stringContaining('not a product type') },
            { column: 'unit', message: expect.stringContaining('official unit list') },
            { column: 'currency', message: expect.stringContaining('ISO 4217') },
            { column: 'median', message: expect.stringContaining('not a decimal') },
            { column: 'sample_size', message: expect.stringContaining('at least 1') },
            { column: 'window_from', message: expect.stringContaining('YYYY-MM-DD') },
          ],
        },
        {
          row: 4,
          errors: [
            { column: 'unit', message: expect.stringContaining('does not convert') },
            { column: 'q1', message: 'q1 is above the median' },
            { column: 'window_from', message: 'the window starts after it ends' },
          ],
        },
        {
          row: 5,
          errors: [{ column: 'window_to', message: expect.stringContaining('after the version takes effect') }],
        },
      ]);
      expect([await versionCount(), await bandCount()]).toEqual([versionsBefore, bandsBefore]);
    });

    it('reports a duplicated band, a missing column and an unreadable file', async () => {
      const duplicate = await expectDomainError(
        service.importPriceList(staff, {
          filename: 'dup.csv',
          format: 'csv',
          content: csv([
            header,
            ['T-PU-HANDBAG', '007', 'CNY', '40', '35', '45', '3', '2026-08-01', '2026-10-31', ''],
            ['T-PU-HANDBAG', '007', 'CNY', '41', '35', '45', '3', '2026-08-01', '2026-10-31', ''],
          ]),
          via: 'api',
        }),
        'price_library.import_rejected',
      );
      expect(duplicate.extra?.rows).toEqual([
        {
          row: 3,
          errors: [{ column: 'product_type_code', message: expect.stringContaining('already given in row 2') }],
        },
      ]);
      const missing = await expectDomainError(
        service.importPriceList(staff, {
          filename: 'm.csv',
          format: 'csv',
          content: csv([header.slice(0, 8), ['T-PU-HANDBAG', '007', 'CNY', '40', '35', '45', '3', '2026-08-01']]),
          via: 'api',
        }),
        'price_library.import_rejected',
      );
      expect(missing.extra?.rows).toEqual([
        { row: 1, errors: [{ column: 'window_to', message: 'required column is missing' }] },
      ]);
      await expectDomainError(
        service.importPriceList(staff, {
          filename: 'x.xlsx',
          format: 'xlsx',
          content: Buffer.from('not a zip'),
          via: 'api',
        }),
        'price_library.import_unreadable',
      );
    });

    it('reads an XLSX price list, numbers and dates cells included', async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('prices');
      sheet.addRow(header);
      sheet.addRow([
        'T-ABS-TROLLEY',
        '007',
        'CNY',
        118.5,
        100,
        135,
        24,
        new Date('2026-08-01T00:00:00Z'),
        new Date('2026-10-31T00:00:00Z'),
        'xlsx survey',
      ]);
      const imported = await service.importPriceList(staff, {
        filename: 'prices.xlsx',
        format: 'xlsx',
        content: Buffer.from(await workbook.xlsx.writeBuffer()),
        via: 'api',
      });
      expect(imported).toMatchObject({ rows: 1, bandsReplaced: 1, bandsAdded: 0 });
      const diff = await service.diff(imported.version.id, (await activeVersion()).id);
      expect(diff.bands.changed[0]).toMatchObject({
        productTypeCode: 'T-ABS-TROLLEY',
        to: { median: '118.50', windowTo: '2026-10-31', source: 'xlsx survey' },
      });
      await service.reject(staff, imported.version.id, 'test import');
    });
  });

  describe('approval', () => {
    it('activates a proposal, supersedes the previous version and matches against the new bands at once', async () => {
      const previous = await activeVersion();
      const imported = await service.importPriceList(staff, {
        filename: 'approve.csv',
        format: 'csv',
        content: csv([
          header,
          ['T-PU-HANDBAG', '007', 'CNY', '60.00', '55.00', '66.00', '40', '2026-08-01', '2026-10-31', 'survey'],
        ]),
        bandPolicies: { byCategory: { handbags: { soft: '0.10', hard: '0.20' } } },
        via: 'api',
      });
      const approved = await service.approve(staff, imported.version.id, 'survey checked');
      expect(approved).toMatchObject({
        status: 'active',
        decidedByOrgId: staff.orgId,
        decisionReason: 'survey checked',
      });
      expect(await service.getVersion(previous.id)).toMatchObject({ status: 'superseded', effectiveTo: today });

      const answer = await service.match(operator, [
        { description: 'PU手提包', unitPrice: '67', unit: '007', currency: 'CNY' },
      ]);
      expect(answer.versionId).toBe(imported.version.id);
      // 67 is 11.7% above the new median 60: beyond the handbags soft band of 10%.
      expect(answer.items[0]!.priceCheck).toMatchObject({
        status: 'high',
        severity: 'warning',
        policy: { soft: '0.10', hard: '0.20' },
      });
    });

    it('refuses to approve or reject a version that is not proposed, and to reject without a reason', async () => {
      const active = await activeVersion();
      await expectDomainError(service.approve(staff, active.id, undefined), 'state.illegal_transition');
      await expectDomainError(service.reject(staff, active.id, 'no'), 'state.illegal_transition');
      await expectDomainError(service.reject(staff, active.id, undefined), 'request.validation_failed');
    });

    it('refuses a proposal made from a version that has since been superseded', async () => {
      const list = (rows: string[][]) => ({
        filename: 'stale.csv',
        format: 'csv' as const,
        content: csv([header, ...rows]),
        via: 'api' as const,
      });
      const first = await service.importPriceList(
        staff,
        list([['T-PE-RESIN', '035', 'CNY', '9.50', '9.00', '10.00', '5', '2026-08-01', '2026-10-31', '']]),
      );
      const second = await service.importPriceList(
        staff,
        list([['T-PE-RESIN', '035', 'CNY', '9.80', '9.00', '10.00', '5', '2026-08-01', '2026-10-31', '']]),
      );
      await service.approve(staff, first.version.id, undefined);
      await expectDomainError(service.approve(staff, second.version.id, undefined), 'price_library.base_superseded');
      expect(await activeVersion()).toMatchObject({ id: first.version.id });
    });

    it('refuses to approve a version before its effective date', async () => {
      const future = await service.importPriceList(staff, {
        filename: 'future.csv',
        format: 'csv',
        effectiveFrom: addDays(today, 30),
        content: csv([
          header,
          ['T-PE-RESIN', '035', 'CNY', '9.70', '9.00', '10.00', '5', '2026-08-01', '2026-10-31', ''],
        ]),
        via: 'api',
      });
      await expectDomainError(service.approve(staff, future.version.id, undefined), 'price_library.not_yet_effective');
    });
  });

  describe('dynamic adjustment (价格库动态调整)', () => {
    const asOf = addDays(today, -2);
    let observationCounter = 0;
    const observe = async (code: string, unit: string, currency: string, prices: string[], on = addDays(asOf, -5)) => {
      await env.database.db.insert(priceObservations).values(
        prices.map((unitPrice) => ({
          productTypeCode: code,
          unit,
          currency,
          unitPrice,
          observedOn: on,
          source: 'transaction' as const,
          sourceRef: `test-line-${(observationCounter += 1)}`,
        })),
      );
    };

    beforeAll(async () => {
      if (monthOf(asOf) !== thisMonth)
        await rates.set(staff, { currency: 'USD', month: monthOf(asOf), cnyPerUnit: '7.100000' });
      // ABS trolley: twelve prices around 100 and two outliers (a typo ×10 and a 1-yuan line).
      await observe('T-ABS-TROLLEY', '007', 'CNY', [
        '96',
        '98',
        '99',
        '100',
        '100',
        '101',
        '102',
        '103',
        '104',
        '105',
        '97',
        '100',
        '1000',
        '1',
      ]);
      // Nylon backpack: priced per dozen in USD; 12 lines of 60 USD a dozen is 5 USD (35.5 CNY) a piece.
      await observe(
        'T-NYLON-BACKPACK',
        '127',
        'USD',
        Array.from({ length: 12 }, () => '60'),
        asOf,
      );
      // Leather handbag: too few observations, so its band is kept.
      await observe('T-LEATHER-HANDBAG', '007', 'CNY', ['150', '160']);
      // Outside the window: not used.
      await observe(
        'T-PE-RESIN',
        '035',
        'CNY',
        Array.from({ length: 20 }, () => '50'),
        addDays(asOf, -200),
      );
    });

    it('recomputes bands from the window with outliers trimmed and keeps bands without enough observations', async () => {
      const active = await activeVersion();
      const proposed = await service.proposeAdjustment(staff, { asOf, windowDays: 90, minSampleSize: 10 });
      expect(proposed).toMatchObject({
        status: 'proposed',
        source: 'adjustment',
        label: `adjustment-${asOf}`,
        baseVersionId: active.id,
        effectiveFrom: addDays(asOf, 1),
      });
      expect(proposed.summary).toMatchObject({
        bandsRecomputed: 2,
        bandsKept: 3,
        observationsTrimmed: 2,
        observationsUsed: 24,
        windowTo: asOf,
      });
      const diff = await service.diff(proposed.id, active.id);
      const changed = Object.fromEntries(diff.bands.changed.map((change) => [change.productTypeCode, change.to]));
      expect(changed['T-ABS-TROLLEY']).toMatchObject({ median: '100.00', q1: '98.75', q3: '102.25', sampleSize: 12 });
      expect(changed['T-NYLON-BACKPACK']).toMatchObject({
        unit: '007',
        currency: 'CNY',
        median: '35.50',
        sampleSize: 12,
      });
      expect(changed['T-NYLON-BACKPACK']!.source).toMatch(/Tukey/);
      expect(Object.keys(changed).sort()).toEqual(['T-ABS-TROLLEY', 'T-NYLON-BACKPACK']);
    });

    it('proposes once per date: a second proposal answers conflict and the scheduled run already-proposed', async () => {
      const error = await expectDomainError(
        service.proposeAdjustment(staff, { asOf, windowDays: 90, minSampleSize: 10 }),
        'price_library.adjustment_exists',
      );
      expect(error.extra?.versionId).toEqual(expect.any(String));
      expect(await service.runScheduledAdjustment({ asOf, windowDays: 90, minSampleSize: 10 })).toBe(
        'already-proposed',
      );
    });

    it('records a scheduled run that finds nothing to recompute once, as no-change', async () => {
      const quiet = addDays(asOf, -400);
      const before = await versionCount();
      expect(await service.runScheduledAdjustment({ asOf: quiet, windowDays: 30, minSampleSize: 10 })).toBe(
        'no-change',
      );
      expect(await service.runScheduledAdjustment({ asOf: quiet, windowDays: 30, minSampleSize: 10 })).toBe(
        'no-change',
      );
      expect(await versionCount()).toBe(before);
      const claims = await env.database.db
        .select()
        .from(processedJobs)
        .where(eq(processedJobs.jobKey, `price-library.adjust:${quiet}`));
      expect(claims).toEqual([expect.objectContaining({ outcome: 'no-change' })]);
      await expectDomainError(
        service.proposeAdjustment(staff, { asOf: quiet, windowDays: 30, minSampleSize: 10 }),
        'price_library.adjustment_no_change',
      );
    });

    it('refuses an adjustment as of today or later', async () => {
      await expectDomainError(
        service.proposeAdjustment(staff, { asOf: today, windowDays: 90, minSampleSize: 10 }),
        'request.validation_failed',
      );
    });
  });

  describe('replay', () => {
    it('replays stored matches identically after newer versions with other bands and product types are approved', async () => {
      const stored = await service.match(operator, [
        { description: 'PU手提包 女包', unitPrice: '52', unit: '007', currency: 'CNY' },
        { description: 'ABS拉杆箱 24寸', unitPrice: '16.5', unit: '007', currency: 'USD', lineDate: today },
        { description: '聚乙烯颗粒 PE颗粒 注塑级', unitPrice: '9000', unit: '070', currency: 'CNY' },
        { description: '尼龙双肩包 学生', unitPrice: '5', unit: '007', currency: 'HKD', lineDate: '2026-03-10' },
        { description: '真皮手提包' },
        { description: '陶瓷花瓶', unitPrice: '30', unit: '007', currency: 'CNY' },
      ]);

      // A newer version with other bands…
      const repriced = await service.importPriceList(staff, {
        filename: 'replay.csv',
        format: 'csv',
        content: csv([
          header,
          ['T-PU-HANDBAG', '007', 'CNY', '80.00', '70.00', '90.00', '50', '2026-08-01', '2026-10-31', 'resurvey'],
          ['T-ABS-TROLLEY', '007', 'CNY', '300.00', '250.00', '350.00', '50', '2026-08-01', '2026-10-31', 'resurvey'],
        ]),
        bandPolicies: { default: { soft: '0.05', hard: '0.10' } },
        via: 'api',
      });
      await service.approve(staff, repriced.version.id, undefined);
      // …then one with other product types (a catalogue release that drops one and adds one)…
      const renamed = [
        ...fixtureTypes.filter((each) => each.code !== 'T-PU-HANDBAG'),
        type('T-PU-TOTE', 'PU手提包托特', ['PU女包', 'PU手提包'], '42022200', 'handbags'),
      ];
      const catalogueVersion = await service.proposeCatalogueVersion(staff, {
        types: renamed,
        bands: fixtureBands(renamed),
      });
      await service.approve(staff, catalogueVersion.id, undefined);
      // …and a rate that did not exist when the lines were matched.
      await rates.set(staff, { currency: 'HKD', month: '2026-03', cnyPerUnit: '0.910000' });

      const fresh = await service.match(operator, [
        { description: 'PU手提包 女包', unitPrice: '52', unit: '007', currency: 'CNY' },
      ]);
      expect(fresh.versionId).toBe(catalogueVersion.id);
      expect(fresh.items[0]!.candidates[0]!.productTypeCode).toBe('T-PU-TOTE');
      // The same line answered today differs from the stored answer, so an identical replay is not a tautology.
      expect(fresh.items[0]!.priceCheck!.reference).not.toEqual(stored.items[0]!.priceCheck!.reference);

      for (const item of stored.items) {
        const replay = await service.replay(operator, item.matchId);
        expect(replay.identical).toBe(true);
        expect(replay.replayed).toEqual(replay.record.result);
        const { matchId: _matchId, ...original } = item;
        expect(JSON.parse(JSON.stringify(replay.replayed))).toEqual(JSON.parse(JSON.stringify(original)));
        expect(replay.record.versionId).toBe(stored.versionId);
      }
      expect(stored.items[3]!.priceCheck).toMatchObject({
        status: 'no_reference',
        exchangeRates: { cnyPerUnit: { HKD: null } },
      });
    });
  });
});
