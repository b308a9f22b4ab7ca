import { randomBytes } from 'node:crypto';
import Decimal from 'decimal.js';

const Exact = Decimal.clone({ precision: 64, rounding: Decimal.ROUND_HALF_UP });

/** Titles as Baigou sales slips write them, with the HS8 the seller declares and a per-piece price (CNY): the goods the benches sell. */
export const GOODS = [
  ['42021210', '牛津布拉杆箱 20寸 万向轮 登机箱', '98.00'],
  ['42021210', 'PC拉杆箱 24寸 铝框 密码锁', '165.00'],
  ['42022200', 'PU女士手提包 大容量 单肩斜挎', '45.00'],
  ['42022200', '帆布手提包 文艺 托特包', '22.50'],
  ['42029200', '帆布双肩包 旅行背包 防泼水', '36.00'],
  ['42029200', '涤纶旅行袋 行李袋 大容量', '29.00'],
  ['42021290', '尼龙电脑包 15.6寸 商务', '40.00'],
  ['42023200', '尼龙零钱包 拉链款', '8.80'],
  ['42023100', '真皮钱包 男士短款 头层牛皮', '68.00'],
  ['39241000', '塑料餐盒 三格便当盒', '7.20'],
  ['39269090', '塑料收纳盒 多格 带盖', '8.50'],
  ['64029929', 'PVC拖鞋 女款 家居防滑', '11.50'],
  ['64041990', '帆布鞋 橡胶底 男款', '27.00'],
  ['95051000', '圣诞装饰球 塑料 6cm 12只装', '9.00'],
  ['96151100', '塑料发夹 抓夹 大号', '1.50'],
  ['96032900', '化妆刷 套装 12支', '12.00'],
] as const;

/** The remark every bench line carries, so a price outside the soft band warns instead of refusing the item. */
export const LINE_REMARK = '档口批发价, 按件计价, 见销售单';

/** The goods of line `l` of sale `n`: the same spread of titles in every bench. */
export const goodsOf = (n: number, l: number) => GOODS[(n * 3 + l * 5) % GOODS.length]!;

/** The sales slip and receipt of sale `n`, with random hashes. */
export const saleDocuments = (n: number) => [
  { sha256: randomBytes(32).toString('hex'), filename: `sales-slip-${n}.jpg`, kind: 'sales_slip' },
  { sha256: randomBytes(32).toString('hex'), filename: `receipt-${n}.jpg`, kind: 'receipt' },
];

/**
 * Sale `n` as `POST /v1/transactions/batch` takes it: its saleDocuments, and
 * `lines` lines of goodsOf(n, l) with quantity(l) pieces, amount = quantity × price to the fen.
 */
export function saleItem(
  n: number,
  sale: {
    clientRef: string;
    merchantId: string;
    purchaserId: string;
    tradeDate: string;
    lines: number;
    quantity: (l: number) => number;
  },
) {
  return {
    clientRef: sale.clientRef,
    merchantId: sale.merchantId,
    purchaserId: sale.purchaserId,
    tradeDate: sale.tradeDate,
    settlementMethod: 'bank_transfer',
    currency: 'CNY',
    documents: saleDocuments(n),
    lines: Array.from({ length: sale.lines }, (_, l) => {
      const [hsCode, description, unitPrice] = goodsOf(n, l);
      const quantity = String(sale.quantity(l));
      return {
        description,
        quantity,
        unit: '007',
        unitPrice,
        amount: new Exact(quantity).mul(unitPrice).toFixed(2, Decimal.ROUND_HALF_UP),
        hsCode,
        remark: LINE_REMARK,
      };
    }),
  };
}
