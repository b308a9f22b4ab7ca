import { startWorker, type RunningWorker } from '@baigou/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '../support/api';
import { merchantBody, operatorBody } from '../support/fixtures';
import { waitFor } from '../support/processes';
import { silentLogger, testWorkerConfig } from '../worker/worker.support';

describe('notifications inbox', () => {
  const api = useTestApi();
  let worker: RunningWorker;
  let operator: string;
  let other: string;
  let staff: string;
  let merchantId: string;

  beforeAll(async () => {
    worker = await startWorker({ config: testWorkerConfig(api.env), database: api.env.database, logger: silentLogger });
    operator = (await api.key('Inbox Trading', 'operator', 'operator')).key;
    other = (await api.key('Other Trading', 'operator', 'operator')).key;
    staff = (await api.key('Center', 'center', 'staff')).key;
    await api.request(operator, { method: 'POST', url: '/v1/operators', payload: operatorBody(1) });
    merchantId = (
      await api.request(operator, { method: 'POST', url: '/v1/merchants', payload: merchantBody(1) })
    ).json().id;
  });
  afterAll(() => worker?.close());

  const inbox = async (key: string) => (await api.request(key, { method: 'GET', url: '/v1/notifications' })).json();

  it("delivers a staff decision to the registering operator's inbox through the outbox and the worker", async () => {
    await api.request(staff, { method: 'POST', url: `/v1/merchants/${merchantId}/approve`, payload: {} });
    await waitFor(async () => (await inbox(operator)).items.length === 1, 15_000, 'notification');
    const [notification] = (await inbox(operator)).items;
    expect(notification).toMatchObject({
      kind: 'registry.decision',
      subjectType: 'merchant',
      subjectId: merchantId,
      message: expect.stringContaining('approved (已通过)'),
      readAt: null,
    });
    expect((await inbox(other)).items).toEqual([]);
  });

  it('marks a notification read once, and hides it from other organisations (404)', async () => {
    const [notification] = (await inbox(operator)).items;
    const read = await api.request(operator, { method: 'POST', url: `/v1/notifications/${notification.id}/read` });
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).not.toBeNull();
    const foreign = await api.request(other, { method: 'POST', url: `/v1/notifications/${notification.id}/read` });
    expect(foreign.statusCode).toBe(404);
    expect((await api.request(null, { method: 'GET', url: '/v1/notifications' })).statusCode).toBe(401);
    expect((await api.request(operator, { method: 'GET', url: '/v1/notifications?limit=0' })).statusCode).toBe(400);
  });
});
