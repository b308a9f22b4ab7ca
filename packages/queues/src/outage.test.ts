import { describe, expect, it } from 'vitest';
import { createOutageReporter, isConnectionError, maskedUrl } from './outage';

function recorder() {
  const lines: { level: string; msg: string }[] = [];
  const logger = {
    warn: (_: object, msg: string) => void lines.push({ level: 'warn', msg }),
    debug: (_: object, msg: string) => void lines.push({ level: 'debug', msg }),
  };
  return { logger, warnings: () => lines.filter((line) => line.level === 'warn').map((line) => line.msg) };
}

describe('outage reports', () => {
  it('says an outage once, reminds at 1, 2, 4 … minutes, and says once when it ends', () => {
    const { logger, warnings } = recorder();
    let now = 0;
    const outage = createOutageReporter({
      logger,
      server: 'Redis',
      url: 'redis://:secret@cache:6379',
      stillWorks: 'the API',
      waits: 'the jobs',
      now: () => now,
    });
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:6379'), { code: 'ECONNREFUSED' });
    // A failed reconnection every 2 s for 10 minutes.
    for (now = 0; now <= 600_000; now += 2_000) outage.failed(refused);
    outage.recovered();
    outage.recovered();
    expect(warnings()).toEqual([
      'Redis at redis://:***@cache:6379 is unreachable (connect ECONNREFUSED 10.0.0.5:6379). Still working: the API. Waiting: the jobs. Reconnecting in the background; the next report comes when it is back.',
      'Redis at redis://:***@cache:6379 is still unreachable after 60 s (connect ECONNREFUSED 10.0.0.5:6379); still retrying',
      'Redis at redis://:***@cache:6379 is still unreachable after 180 s (connect ECONNREFUSED 10.0.0.5:6379); still retrying',
      'Redis at redis://:***@cache:6379 is still unreachable after 420 s (connect ECONNREFUSED 10.0.0.5:6379); still retrying',
      'Redis at redis://:***@cache:6379 is reachable again after 602 s; what waited resumes',
    ]);
    expect(outage.down).toBe(false);
  });

  it('tells connection failures from errors a server answered with, also when wrapped', () => {
    const terminated = new Error('Connection terminated unexpectedly');
    expect(isConnectionError(new Error('Failed query: rollback', { cause: terminated }))).toBe(true);
    expect(isConnectionError(Object.assign(new Error('admin shutdown'), { code: '57P01' }))).toBe(true);
    expect(isConnectionError(Object.assign(new Error('broken pipe'), { code: '08006' }))).toBe(true);
    expect(isConnectionError(new Error("Stream isn't writeable and enableOfflineQueue options is false"))).toBe(true);
    expect(isConnectionError(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isConnectionError(new Error('ERR unknown command'))).toBe(false);
    expect(isConnectionError('ECONNREFUSED')).toBe(false);
  });

  it('masks a password in the URL it reports', () => {
    expect(maskedUrl('postgres://app:hunter2@db:5432/baigou')).toBe('postgres://app:***@db:5432/baigou');
    expect(maskedUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });
});
