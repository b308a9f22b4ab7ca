import {
  exportFigures,
  figureLabels,
  ratioValues,
  yoyPct,
  zeroValues,
  type ApiDimension,
  type Period,
  type PeriodValues,
  type RawDimension,
  type RawFigure,
} from './statistics.models';
import type { FigureView, StatisticsRowView } from './statistics.schemas';

/** Raw figures → the rows of one dimension, with derived figures (shares, ratios, averages) and YoY. */

type Values = Record<Period, string | null>;

/** Money keeps its cents; counts print as integers. Values arrive as 2-decimal strings, so no arithmetic is needed. */
function display(kind: FigureView['kind'], value: string | null): string | null {
  if (value === null) return null;
  return kind === 'count' ? value.replace(/\.\d+$/, '') : value;
}

const yoy = (current: string | null, base: string | null) =>
  current === null || base === null ? null : yoyPct(current, base);

function figureView(figure: string, values: Values): FigureView {
  const { zh, kind } = figureLabels[figure] ?? { zh: figure, kind: 'count' as const };
  return {
    figure,
    label: zh,
    kind,
    month: display(kind, values.month),
    ytd: display(kind, values.ytd),
    lastYear: display(kind, values.lastYear),
    ytdLastYear: display(kind, values.ytdLastYear),
    yoyPct: yoy(values.month, values.lastYear),
    ytdYoyPct: yoy(values.ytd, values.ytdLastYear),
  };
}

const ZERO: PeriodValues = Object.freeze(zeroValues());

/** Raw figures indexed by dimension, then member, then figure (no composite string keys: thousands of members are read per report). */
export class FigureIndex {
  private readonly byDimension = new Map<string, Map<string, Map<string, PeriodValues>>>();

  constructor(figures: readonly RawFigure[]) {
    for (const f of figures) {
      let members = this.byDimension.get(f.dimension);
      if (!members) this.byDimension.set(f.dimension, (members = new Map()));
      let byFigure = members.get(f.member);
      if (!byFigure) members.set(f.member, (byFigure = new Map()));
      byFigure.set(f.figure, f.values);
    }
  }

  get(dimension: RawDimension, member: string, figure: string): PeriodValues {
    return this.byDimension.get(dimension)?.get(member)?.get(figure) ?? ZERO;
  }

  membersOf(dimension: RawDimension): string[] {
    return [...(this.byDimension.get(dimension)?.keys() ?? [])];
  }
}

const share = (index: FigureIndex, dimension: RawDimension, member: string) =>
  figureView(
    'sharePct',
    ratioValues(index.get(dimension, member, 'valueUsd'), index.get('totals', '', 'valueUsd'), 100),
  );

function breakdownRows(
  index: FigureIndex,
  dimension: Exclude<RawDimension, 'fx' | 'risk' | 'totals'>,
  names: ReadonlyMap<string, string>,
): StatisticsRowView[] {
  // Largest first by the month's USD, then by YTD, then by code; the sort keys are computed once per member.
  const keys = new Map(index.membersOf(dimension).map((member) => [member, index.get(dimension, member, 'valueUsd')]));
  const members = [...keys.keys()];
  const sortKey = new Map(
    [...keys].map(([member, values]) => [member, [Number(values.month), Number(values.ytd)] as const]),
  );
  members.sort(
    (a, b) => sortKey.get(b)![0] - sortKey.get(a)![0] || sortKey.get(b)![1] - sortKey.get(a)![1] || (a < b ? -1 : 1),
  );
  return members.map((member) => ({
    key: member,
    name: names.get(member) ?? null,
    subtotal: false,
    figures: [
      ...exportFigures[dimension].map((figure) => figureView(figure, index.get(dimension, member, figure))),
      share(index, dimension, member),
    ],
  }));
}

/** The FX collection row: declared and received USD, their ratio and the average days to collect. */
function fxRow(index: FigureIndex): StatisticsRowView {
  const declared = index.get('fx', '', 'declaredUsd');
  const received = index.get('fx', '', 'receivedUsd');
  const figures = ['declaredUsd', 'receivedUsd', 'allocations', 'collectionDays'].map((figure) =>
    figureView(figure, index.get('fx', '', figure)),
  );
  figures.push(figureView('collectionRatioPct', ratioValues(received, declared, 100)));
  figures.push(
    figureView(
      'averageCollectionDays',
      ratioValues(index.get('fx', '', 'collectionDays'), index.get('fx', '', 'allocations'), 1),
    ),
  );
  return { key: '', name: '收汇', subtotal: false, figures };
}

/** The rows of `dimension` from raw figures (live or frozen alike). */
export function dimensionRows(
  dimension: ApiDimension,
  index: FigureIndex,
  names: ReadonlyMap<string, string>,
): StatisticsRowView[] {
  switch (dimension) {
    case 'totals':
      return [
        {
          key: '',
          name: '合计',
          subtotal: false,
          figures: [...exportFigures.totals, 'operators', 'merchants', 'purchasers'].map((figure) =>
            figureView(figure, index.get('totals', '', figure)),
          ),
        },
      ];
    case 'fx':
      return [fxRow(index)];
    case 'risk':
      return [
        {
          key: '',
          name: '风险(按交易日期)',
          subtotal: false,
          figures: ['warningLines', 'hardBandLines', 'reviewTransactions', 'rejectedTransactions'].map((figure) =>
            figureView(figure, index.get('risk', '', figure)),
          ),
        },
      ];
    case 'product_type': {
      const rows = breakdownRows(index, 'product_type', names);
      // The bags share: chapter 42 (箱包) of the month's export value, whatever the product types.
      rows.push({
        key: 'chapter:42',
        name: '其中: 箱包(第42章)',
        subtotal: true,
        figures: [
          ...exportFigures.chapter.map((figure) => figureView(figure, index.get('chapter', '42', figure))),
          share(index, 'chapter', '42'),
        ],
      });
      return rows;
    }
    case 'transport': {
      const rows = breakdownRows(index, 'transport', names);
      rows.push({
        key: 'china_europe_rail',
        name: '其中: 中欧班列',
        subtotal: true,
        figures: [
          ...exportFigures.rail.map((figure) => figureView(figure, index.get('rail', 'china_europe_rail', figure))),
          share(index, 'rail', 'china_europe_rail'),
        ],
      });
      return rows;
    }
    default:
      return breakdownRows(index, dimension, names);
  }
}

/** The raw dimensions a view of `dimension` reads. */
export function rawDimensionsFor(dimension: ApiDimension): RawDimension[] {
  switch (dimension) {
    case 'totals':
    case 'fx':
    case 'risk':
      return [dimension];
    case 'product_type':
      return ['product_type', 'chapter', 'totals'];
    case 'transport':
      return ['transport', 'rail', 'totals'];
    default:
      return [dimension, 'totals'];
  }
}
