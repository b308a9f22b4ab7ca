import { describe, expect, it } from 'vitest';
import { decisionNotificationMessage, restatementNotificationMessage } from './notifications.models';

const decision = {
  recipientOrgId: '00000000-0000-4000-8000-000000000001',
  partyType: 'merchant' as const,
  partyId: '00000000-0000-4000-8000-000000000002',
  partyName: '白沟某某箱包店',
  fromStatus: 'submitted',
  toStatus: 'approved',
  reason: null,
  decidedAt: '2025-03-01T08:00:00+08:00',
};

describe('registration decision message', () => {
  it('tells the operator in English and Chinese that its merchant was approved', () => {
    expect(decisionNotificationMessage(decision)).toBe('Merchant 白沟某某箱包店 approved (已通过)');
  });

  it('includes the reason the trade service center gave for a rejection', () => {
    expect(
      decisionNotificationMessage({
        ...decision,
        partyType: 'purchaser',
        toStatus: 'rejected',
        reason: ' 营业执照已过期 ',
      }),
    ).toBe('Purchaser 白沟某某箱包店 rejected (未通过): 营业执照已过期');
  });

  it('shows a status it has no Chinese wording for as it came, rather than dropping the notice', () => {
    expect(decisionNotificationMessage({ ...decision, partyType: 'operator', toStatus: 'blacklisted' })).toBe(
      'Operator 白沟某某箱包店 blacklisted',
    );
  });
});

describe('restatement notice text', () => {
  const restatement = {
    recipientOrgId: '00000000-0000-4000-8000-000000000001',
    versionId: '00000000-0000-4000-8000-000000000002',
    month: '2026-10',
    version: 3,
    reason: 'FX allocation 0c1d',
    changedFigures: 1,
    restatedAt: '2026-11-03T02:00:00.000Z',
  };

  it('names the month, the new version and how many figures changed, and why', () => {
    expect(restatementNotificationMessage(restatement)).toBe(
      'Statistics of 2026-10 restated as version 3 (统计数据更正), 1 figure changed: FX allocation 0c1d',
    );
    expect(restatementNotificationMessage({ ...restatement, changedFigures: 8 })).toContain('8 figures changed');
  });
});
