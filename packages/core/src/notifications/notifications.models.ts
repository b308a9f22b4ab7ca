import type { JobPayload } from '@baigou/queues/contracts';

/** Kinds of inbox entries; stored as text so later contexts can add their own. */
export const notificationKinds = {
  registryDecision: 'registry.decision',
  statisticsRestatement: 'statistics.restatement',
  payoutOutcome: 'payout.outcome',
} as const;

type DecisionNotifyPayload = JobPayload<'registry.decision-notify'>;

const partyLabels: Record<DecisionNotifyPayload['partyType'], string> = {
  operator: 'Operator',
  merchant: 'Merchant',
  purchaser: 'Purchaser',
};

/** Chinese wording used by the trade service center for each registration status. */
const statusLabelsZh: Record<string, string> = {
  submitted: '已提交',
  approved: '已通过',
  rejected: '未通过',
  suspended: '已暂停',
};

/**
 * The inbox line for a registration decision, in English with the Chinese status a Baigou
 * merchant reads, e.g. `Merchant 白沟某某箱包店 approved (已通过)`. An unknown status is shown
 * as is rather than failing the job, because the message is informative, not authoritative.
 */
export function decisionNotificationMessage(payload: DecisionNotifyPayload): string {
  const statusZh = statusLabelsZh[payload.toStatus];
  const status = statusZh ? `${payload.toStatus} (${statusZh})` : payload.toStatus;
  const reason = payload.reason?.trim() ? `: ${payload.reason.trim()}` : '';
  return `${partyLabels[payload.partyType]} ${payload.partyName} ${status}${reason}`;
}

/**
 * The inbox line for a restated month, e.g. `Statistics of 2026-10 restated as version 2
 * (统计数据更正), 12 figures changed: 删单: 申报要素错误`; the versions list has each change.
 */
export function restatementNotificationMessage(payload: JobPayload<'statistics.restatement-notify'>): string {
  const figures = payload.changedFigures === 1 ? '1 figure' : `${payload.changedFigures} figures`;
  return `Statistics of ${payload.month} restated as version ${payload.version} (统计数据更正), ${figures} changed: ${payload.reason}`;
}

/**
 * The inbox line for a fund payment's outcome, e.g. `Subsidy payment of 12,345.67 CNY paid (已拨付),
 * bank instruction BGP-…` or `… failed (拨付失败): invalid_account; the center will decide`.
 */
export function payoutNotificationMessage(payload: JobPayload<'payout.notify'>): string {
  const head = `Subsidy payment of ${payload.amountCny} CNY`;
  return payload.status === 'paid'
    ? `${head} paid (已拨付), bank instruction ${payload.instructionId}`
    : `${head} failed (拨付失败): ${payload.reason ?? 'rejected by the bank'}; the center will decide on a retry`;
}
