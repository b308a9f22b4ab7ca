import { BusinessMonth } from '../shared/input.schemas';
import { z } from 'zod';
import { apiDimensions } from './statistics.models';

/** Request and response shapes of the monthly statistics. */

export const StatisticsMonth = BusinessMonth.describe('Month, YYYY-MM (China time)');

export const MonthlyStatisticsQuery = z.strictObject({
  month: StatisticsMonth,
  by: z
    .enum(apiDimensions)
    .default('totals')
    .describe(
      'totals (the default) | country | chapter | heading | product_type | operator | merchant | transport | fx | risk',
    ),
  format: z
    .enum(['json', 'csv', 'xlsx'])
    .optional()
    .describe('Overrides the Accept header: JSON, CSV (UTF-8 with BOM, Chinese headers) or XLSX'),
});

export const StatisticsMonthParams = z.strictObject({ month: StatisticsMonth });
export const PublishInput = z.strictObject({
  note: z.string().trim().max(1000).optional().describe('Why or by whose instruction the month is published'),
});

const Value = z.string().nullable().describe('Decimal string; null where undefined (a ratio over zero)');

export const FigureView = z.object({
  figure: z.string().describe('e.g. valueUsd, declarations, sharePct'),
  label: z.string().describe('Chinese label'),
  kind: z.enum(['money', 'count', 'percent', 'days']),
  month: Value,
  ytd: Value,
  lastYear: Value,
  ytdLastYear: Value,
  yoyPct: Value.describe('Month against the same month last year, %'),
  ytdYoyPct: Value.describe('Year to date against the same period last year, %'),
});

export const StatisticsRowView = z.object({
  key: z
    .string()
    .describe(
      "Member: '' for totals, else country code, HS chapter or heading, product type, operator or merchant id, transport mode",
    ),
  name: z.string().nullable().describe('Official Chinese name where the platform has one'),
  subtotal: z
    .boolean()
    .describe(
      'True for a 其中 (of which) row: part of the rows above it (chapter 42 within product types, China–Europe rail within transport), not to be added to them',
    ),
  figures: z.array(FigureView),
});

export const MonthlyStatisticsView = z.object({
  month: z.string(),
  dimension: z.enum(apiDimensions),
  basis: z.string().describe('What the figures are counted by'),
  status: z
    .enum(['live', 'published'])
    .describe('published: the latest frozen version of the month; live: the running roll-ups'),
  version: z.number().int().nullable(),
  periods: z.object({ month: z.string(), ytd: z.string(), lastYear: z.string(), ytdLastYear: z.string() }),
  rows: z.array(StatisticsRowView),
});

const FundItemFigureView = z.object({ itemCode: z.string(), claims: z.number().int(), amountCny: z.string() });
const FundClaimsView = z.object({
  claims: z.number().int(),
  amountCny: z.string(),
  byItem: z.array(FundItemFigureView).describe('per programme item, by item code'),
});

export const FundSectionView = z
  .object({
    drafted: FundClaimsView.describe(
      'claims drafted by period runs in the month (China time), at their drafted amounts',
    ),
    approvedForPayment: FundClaimsView.describe(
      'claims approved for payment in the month; per item as the approval reserved it against the budget',
    ),
    ledger: z
      .object({
        year: z.number().int(),
        opened: z.boolean().describe("false: the year's fund accounts are not opened in the ledger yet (all zeros)"),
        budgetCny: z.string().describe("appropriated to the year's fund budget"),
        reservedCny: z.string().describe('reserved for claims approved for payment and not yet paid'),
        paidCny: z.string().describe('paid by the treasury to firms'),
        clawedBackCny: z.string().describe('clawed back from paid claims (correcting entries)'),
        budgetLeftCny: z.string().describe('budget less paid and reserved'),
      })
      .describe("the fund ledger's figures of the month's budget year, as they stand when the report is read"),
  })
  .describe('专项资金 the pilot special fund: live figures, not part of a published version');

export const MonthlyReportView = MonthlyStatisticsView.pick({
  month: true,
  basis: true,
  status: true,
  version: true,
  periods: true,
}).extend({
  reports: z
    .array(MonthlyStatisticsView)
    .describe(
      'One table per dimension, in the order totals, country, chapter, heading, product_type, operator, merchant, transport, fx, risk',
    ),
  fund: FundSectionView.nullable().describe('null in a process built without the fund ports'),
});

export const MonthlyReportQuery = MonthlyStatisticsQuery.omit({ by: true });

export const RestatementChangeView = z.object({
  dimension: z.string(),
  member: z.string(),
  figure: z.string(),
  period: z.enum(['month', 'ytd', 'last_year', 'ytd_last_year']),
  before: z.string(),
  after: z.string(),
});

export const StatisticsVersionView = z.object({
  id: z.uuid().describe('The version, as restatement notices name it (subjectId)'),
  month: z.string(),
  version: z.number().int(),
  kind: z.enum(['publication', 'restatement']),
  reason: z.string(),
  actorOrgId: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
  changes: z.array(RestatementChangeView),
});

export const StatisticsVersionsView = z.object({ month: z.string(), items: z.array(StatisticsVersionView) });

export const RebuildView = z.object({
  exportRows: z.number().int(),
  memberRows: z.number().int(),
  fxRows: z.number().int(),
  riskRows: z.number().int(),
  corrections: z
    .object({
      exportRows: z.number().int(),
      memberRows: z.number().int(),
      fxRows: z.number().int(),
      riskRows: z.number().int(),
    })
    .describe(
      'Rows in which the live roll-ups differed from the rebuild, now corrected (zero when the increments were exact)',
    ),
  restatedMonths: z
    .array(z.string())
    .describe('Published months whose figures the rebuild changed (each got a restatement)'),
});

export type MonthlyStatisticsQuery = z.infer<typeof MonthlyStatisticsQuery>;
export type MonthlyStatisticsView = z.infer<typeof MonthlyStatisticsView>;
export type MonthlyReportView = z.infer<typeof MonthlyReportView>;
export type FundSectionView = z.infer<typeof FundSectionView>;
export type StatisticsRowView = z.infer<typeof StatisticsRowView>;
export type FigureView = z.infer<typeof FigureView>;
export type StatisticsVersionView = z.infer<typeof StatisticsVersionView>;
export type StatisticsVersionsView = z.infer<typeof StatisticsVersionsView>;
export type RebuildView = z.infer<typeof RebuildView>;
