import { excludedGoodsKinds } from '@baigou/db';
import { z } from 'zod';
import { BusinessDate, FilterDate } from '../../shared/input.schemas';
import { PageQuery } from '../../shared/pagination';

/** Request and response shapes of the excluded-goods list. Request objects are strict. */

export const ExcludedGoodsInput = z
  .strictObject({
    kind: z
      .enum(excludedGoodsKinds)
      .describe(
        'prohibited / restricted for export, or an ad-hoc suspension: refused at intake; export_duty / inspection / customs_excluded: allowed, but never merged by simplified declaration',
      ),
    hsPrefix: z
      .string()
      .regex(/^\d{2,10}$/, 'must be 2 to 10 digits of an HS code')
      .optional(),
    keyword: z.string().trim().min(1).max(50).optional().describe('Matched in the line description and spec'),
    reason: z.string().trim().min(1).max(500),
    source: z.string().trim().min(1).max(500).describe('The announcement or decision, e.g. 海关总署公告2020年第53号'),
    effectiveFrom: BusinessDate,
    effectiveTo: BusinessDate.optional().describe('Last day in force (inclusive); omit for open-ended'),
  })
  .superRefine((entry, ctx) => {
    if (!entry.hsPrefix && !entry.keyword)
      ctx.addIssue({ code: 'custom', path: ['hsPrefix'], message: 'give an HS prefix, a keyword or both' });
    if (entry.effectiveTo && entry.effectiveTo < entry.effectiveFrom) {
      ctx.addIssue({ code: 'custom', path: ['effectiveTo'], message: 'must not be before effectiveFrom' });
    }
  });

export const ExcludedGoodsQuery = PageQuery.extend({
  kind: z.enum(excludedGoodsKinds).optional(),
  inForceOn: FilterDate.optional().describe('Only entries in force on this date'),
});

export const ExcludedGoodsView = z.object({
  id: z.uuid(),
  kind: z.enum(excludedGoodsKinds),
  hsPrefix: z.string().nullable(),
  keyword: z.string().nullable(),
  reason: z.string(),
  source: z.string(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  createdAt: z.iso.datetime(),
  createdByOrgId: z.uuid().nullable(),
});

export type ExcludedGoodsInput = z.infer<typeof ExcludedGoodsInput>;
export type ExcludedGoodsQuery = z.infer<typeof ExcludedGoodsQuery>;
export type ExcludedGoodsView = z.infer<typeof ExcludedGoodsView>;
