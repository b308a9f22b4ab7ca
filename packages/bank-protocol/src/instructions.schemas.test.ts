import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cnyToFen, fenToCny, InstructionRequest, normalizeInstruction } from './instructions.schemas';

const request = {
  instructionId: 'pay-1',
  payerAccountNumber: '110000000000000001',
  payeeAccountNumber: '6222020200000000006',
  payeeName: '白沟箱包有限公司',
  payeeBankName: '中国工商银行白沟支行',
  currency: 'CNY',
  purpose: '市场采购贸易专项资金',
  reference: 'claim-1',
};

describe('instruction amounts', () => {
  it('turns exact decimal yuan into fen without floating point', () => {
    expect(cnyToFen('12.3')).toBe('1230');
    expect(cnyToFen('0.07')).toBe('7');
    expect(cnyToFen('99999999999999.99')).toBe('9999999999999999');
    expect(fenToCny('1230')).toBe('12.30');
  });

  it('round-trips every fen amount through yuan', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 9_999_999_999_999_999n }), (fen) => {
        expect(cnyToFen(fenToCny(fen.toString()))).toBe(fen.toString());
      }),
    );
  });

  it('treats both spellings of one amount as the same instruction', () => {
    const inFen = normalizeInstruction(InstructionRequest.parse({ ...request, amountFen: '1230' }));
    const inYuan = normalizeInstruction(InstructionRequest.parse({ ...request, amountCny: '12.30' }));
    expect(inYuan).toEqual(inFen);
  });

  it('wants exactly one positive amount and no unknown field', () => {
    expect(InstructionRequest.safeParse(request).success).toBe(false);
    expect(InstructionRequest.safeParse({ ...request, amountFen: '1', amountCny: '0.01' }).success).toBe(false);
    expect(InstructionRequest.safeParse({ ...request, amountCny: '0.00' }).success).toBe(false);
    expect(InstructionRequest.safeParse({ ...request, amountFen: '1.5' }).success).toBe(false);
    expect(InstructionRequest.safeParse({ ...request, amountFen: '0' }).success).toBe(false);
    expect(InstructionRequest.safeParse({ ...request, amountFen: '100', memo: 'x' }).success).toBe(false);
  });
});
