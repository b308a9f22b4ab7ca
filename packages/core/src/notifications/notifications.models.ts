import type { JobPayload } from '@baigou/queues/contracts';

/** Kinds of inbox entries; stored as text so later contexts can add their own. */
export const notificationKinds = {
  registryDecision: 'registry.decision',
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
