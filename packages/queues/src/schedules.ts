import type { JobName, JobPayload } from './contracts';

export interface JobSchedule<N extends JobName = JobName> {
  /** Fixed id: upserting it again (every worker start) replaces the schedule instead of adding one. */
  id: string;
  jobName: N;
  /** Cron pattern, evaluated in `tz`. */
  pattern: string;
  tz: string;
  data: JobPayload<N>;
}

/** Recurring jobs, upserted by every worker at start-up. */
export const jobSchedules: readonly (
  | JobSchedule<'price-library.adjust'>
  | JobSchedule<'credit.run'>
  | JobSchedule<'subsidy.period-run'>
  | JobSchedule<'payout.sweep'>
  | JobSchedule<'payout.reconcile'>
)[] = [
  {
    // 03:00 Beijing time on the 1st: the window ends on the last day of the month before.
    id: 'price-library.adjust-monthly',
    jobName: 'price-library.adjust',
    pattern: '0 3 1 * *',
    tz: 'Asia/Shanghai',
    data: { windowDays: 90, minSampleSize: 10 },
  },
  {
    // 04:00 Beijing time on the 1st: every operator scored as of the firing instant (信用评价, monthly).
    id: 'credit.run-monthly',
    jobName: 'credit.run',
    pattern: '0 4 1 * *',
    tz: 'Asia/Shanghai',
    data: {},
  },
  {
    // 04:00 Beijing time daily: periods that ended yesterday or before and were never run are run.
    id: 'subsidy.period-run-daily',
    jobName: 'subsidy.period-run',
    pattern: '0 4 * * *',
    tz: 'Asia/Shanghai',
    data: { requestedBy: null },
  },
  {
    // Every minute: unsent payments sent, silent ones queried at the bank, overdue ones marked stuck.
    id: 'payout.sweep-minutely',
    jobName: 'payout.sweep',
    pattern: '* * * * *',
    tz: 'Asia/Shanghai',
    data: {},
  },
  {
    // 06:00 Beijing time daily: yesterday's bank statement reconciled with the ledger.
    id: 'payout.reconcile-daily',
    jobName: 'payout.reconcile',
    pattern: '0 6 * * *',
    tz: 'Asia/Shanghai',
    data: {},
  },
];
