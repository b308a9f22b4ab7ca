import { randomUUID } from 'node:crypto';
import { notifications, organisations, processedJobs } from '@baigou/db';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestEnvironment } from '../../../../test/support/services';
import { createNotificationsService, type DecisionNotifyPayload } from './notifications.service';

describe('notifications inbox', () => {
  const env = useTestEnvironment();
  let service: ReturnType<typeof createNotificationsService>;
  let operatorOrgId: string;
  let otherOrgId: string;

  const decision = (overrides: Partial<DecisionNotifyPayload> = {}): DecisionNotifyPayload => ({
    recipientOrgId: operatorOrgId,
    partyType: 'merchant',
    partyId: randomUUID(),
    partyName: '白沟某某箱包店',
    fromStatus: 'submitted',
    toStatus: 'approved',
    reason: null,
    decidedAt: '2025-03-01T08:00:00.000Z',
    ...overrides,
  });

  beforeAll(async () => {
    service = createNotificationsService({ db: env.database.db });
    const rows = await env.database.db
      .insert(organisations)
      .values([
        { name: '白沟外贸有限公司', kind: 'operator' },
        { name: '高碑店代理公司', kind: 'operator' },
      ])
      .returning({ id: organisations.id });
    operatorOrgId = rows[0]!.id;
    otherOrgId = rows[1]!.id;
  });

  it('puts an approval into the registering operator inbox with a bilingual message', async () => {
    const jobKey = `decision:${randomUUID()}`;
    const payload = decision();
    expect(await service.recordDecision(jobKey, payload)).toBe('notified');
    const [row] = await env.database.db.select().from(notifications).where(eq(notifications.sourceJobKey, jobKey));
    expect(row).toMatchObject({
      orgId: operatorOrgId,
      kind: 'registry.decision',
      subjectType: 'merchant',
      subjectId: payload.partyId,
      message: 'Merchant 白沟某某箱包店 approved (已通过)',
      data: payload,
      readAt: null,
    });
    const [processed] = await env.database.db.select().from(processedJobs).where(eq(processedJobs.jobKey, jobKey));
    expect(processed).toMatchObject({ jobName: 'registry.decision-notify', outcome: 'notified' });
  });

  it('notifies once when the same decision job is delivered twice, even at the same moment', async () => {
    const jobKey = `decision:${randomUUID()}`;
    const payload = decision();
    const outcomes = await Promise.all([
      service.recordDecision(jobKey, payload),
      service.recordDecision(jobKey, payload),
    ]);
    expect(outcomes.sort()).toEqual(['already-notified', 'notified']);
    expect(await service.recordDecision(jobKey, payload)).toBe('already-notified');
    const rows = await env.database.db.select().from(notifications).where(eq(notifications.sourceJobKey, jobKey));
    expect(rows).toHaveLength(1);
  });

  it('refuses a job key delivered again with a different decision and leaves the first one', async () => {
    const jobKey = `decision:${randomUUID()}`;
    const first = decision();
    await service.recordDecision(jobKey, first);
    await expect(
      service.recordDecision(jobKey, { ...first, toStatus: 'rejected', reason: '资料不全' }),
    ).rejects.toMatchObject({ code: 'notifications.job_key_reused' });
    const rows = await env.database.db.select().from(notifications).where(eq(notifications.sourceJobKey, jobKey));
    expect(rows.map((row) => row.data)).toEqual([first]);
  });

  it('pages through an operator inbox oldest first and never shows another operator its entries', async () => {
    const other = createNotificationsService({ db: env.database.db });
    await other.recordDecision(`decision:${randomUUID()}`, decision({ recipientOrgId: otherOrgId }));
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await service.list(operatorOrgId, { cursor, limit: 2 });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((item) => item.id));
      expect(page.items.every((item) => item.orgId === operatorOrgId)).toBe(true);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const expected = await env.database.db
      .select({ id: notifications.id })
      .from(notifications)
      .where(eq(notifications.orgId, operatorOrgId))
      .orderBy(notifications.createdAt, notifications.id);
    expect(seen).toEqual(expected.map((row) => row.id));
    expect(seen.length).toBeGreaterThan(2);
  });

  it('rejects a cursor handed out for another organisation inbox', async () => {
    const page = await service.list(operatorOrgId, { limit: 1 });
    expect(page.nextCursor).not.toBeNull();
    await expect(service.list(otherOrgId, { cursor: page.nextCursor!, limit: 1 })).rejects.toMatchObject({
      code: 'request.invalid_cursor',
    });
  });

  it('marks a notification read once and keeps the first read time', async () => {
    const jobKey = `decision:${randomUUID()}`;
    await service.recordDecision(jobKey, decision());
    const [row] = await env.database.db.select().from(notifications).where(eq(notifications.sourceJobKey, jobKey));
    const first = await service.markRead(operatorOrgId, row!.id);
    expect(first.readAt).toBeInstanceOf(Date);
    const again = await service.markRead(operatorOrgId, row!.id);
    expect(again.readAt).toEqual(first.readAt);
  });

  it("answers not found when an operator marks another operator's notification, or a malformed id", async () => {
    const jobKey = `decision:${randomUUID()}`;
    await service.recordDecision(jobKey, decision());
    const [row] = await env.database.db.select().from(notifications).where(eq(notifications.sourceJobKey, jobKey));
    await expect(service.markRead(otherOrgId, row!.id)).rejects.toMatchObject({
      code: 'resource.not_found',
      statusCode: 404,
    });
    await expect(service.markRead(operatorOrgId, 'not-a-uuid')).rejects.toMatchObject({ code: 'resource.not_found' });
    const [unchanged] = await env.database.db.select().from(notifications).where(eq(notifications.id, row!.id));
    expect(unchanged!.readAt).toBeNull();
  });
});
