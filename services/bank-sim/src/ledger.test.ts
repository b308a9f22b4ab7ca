import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprintOf } from './gateway';
import { createPaymentLedger } from './ledger';

const instruction = {
  instructionId: 'pay-1',
  payerAccountNumber: '110000000000000001',
  payeeAccountNumber: '6222020200000000006',
  payeeName: '白沟箱包有限公司',
  payeeBankName: '中国工商银行白沟支行',
  currency: 'CNY' as const,
  purpose: '专项资金',
  reference: 'claim-1',
  amountFen: '123456',
};
const at = new Date('2026-12-05T01:00:00Z');
const paid = { status: 'paid', reason: null } as const;

describe('simulator ledger', () => {
  it('settles an accepted payment once; a second settlement is refused', () => {
    const ledger = createPaymentLedger();
    ledger.accept({ instruction, fingerprint: fingerprintOf(instruction), planned: paid, at });
    expect(ledger.settle('pay-1', at)?.status).toBe('paid');
    expect(ledger.settle('pay-1', at)).toBeNull();
    expect(ledger.get('pay-1')).toMatchObject({ status: 'paid', settleSequence: 2 });
  });

  it('rebuilds every payment from its file after a restart, skipping a line cut short by a crash', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'bank-sim-ledger-')), 'ledger.jsonl');
    const first = createPaymentLedger(file);
    first.accept({ instruction, fingerprint: fingerprintOf(instruction), planned: paid, at });
    first.accept({
      instruction: { ...instruction, instructionId: 'pay-2' },
      fingerprint: 'x',
      planned: { status: 'failed', reason: 'invalid_account' },
      at,
    });
    first.settle('pay-1', at);
    first.markDelivered('pay-1', at);
    first.reverse('pay-1', 'account closed', at);
    first.close();
    appendFileSync(file, '{"type":"settled","sequ');

    const second = createPaymentLedger(file);
    expect(second.get('pay-1')).toMatchObject({
      status: 'paid',
      callbackDelivered: true,
      reversalReason: 'account closed',
    });
    expect(second.get('pay-2')).toMatchObject({ status: 'accepted', callbackDelivered: false });
    // Sequences continue after the replayed ones, so bank references stay unique.
    const third = second.accept({
      instruction: { ...instruction, instructionId: 'pay-3' },
      fingerprint: 'y',
      planned: paid,
      at,
    });
    expect(third.sequence).toBe(6);
    expect(third.bankReference).toBe('BSIM2026120500000006');
    second.close();
    expect(readFileSync(file, 'utf8').split('\n').filter(Boolean)).toHaveLength(7);
  });
});
