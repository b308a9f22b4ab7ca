import { sql } from 'drizzle-orm';
import {
  bigserial,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations } from './access.table';
import { createdAt } from './columns';

/** Stored `Idempotency-Key`s: the first response to a key is replayed for every retry. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    key: text('key').notNull(),
    /** SHA-256 over method, path and canonical body. */
    requestHash: text('request_hash').notNull(),
    state: text('state', { enum: ['pending', 'completed'] }).notNull(),
    responseStatus: integer('response_status'),
    responseBody: text('response_body'),
    responseContentType: text('response_content_type'),
    /** A pending key whose request died is released after this instant. */
    lockedUntil: timestamp('locked_until', { withTimezone: true, precision: 3 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.key] }),
    check('idempotency_keys_state_check', sql`${t.state} in ('pending','completed')`),
    index('idempotency_keys_created_idx').on(t.createdAt),
  ],
);

/**
 * Transactional outbox: written in the same PG transaction as the state change it follows;
 * the worker's relay moves it into BullMQ. A row stays until its job has completed, so a
 * Redis wipe loses nothing.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    queue: text('queue').notNull(),
    jobName: text('job_name').notNull(),
    payload: jsonb('payload').notNull(),
    /** Becomes the BullMQ job id, so a re-enqueue of a live job is a no-op. */
    jobKey: text('job_key').notNull().unique(),
    createdAt: createdAt(),
    enqueuedAt: timestamp('enqueued_at', { withTimezone: true, precision: 3 }),
    completedAt: timestamp('completed_at', { withTimezone: true, precision: 3 }),
    enqueueAttempts: integer('enqueue_attempts').notNull().default(0),
    lastError: text('last_error'),
  },
  (t) => [
    index('outbox_pending_idx')
      .on(t.id)
      .where(sql`${t.enqueuedAt} is null`),
    index('outbox_open_idx')
      .on(t.enqueuedAt)
      .where(sql`${t.completedAt} is null`),
  ],
);

/** Exactly-once effect for at-least-once jobs: a handler records its key with the effect. */
export const processedJobs = pgTable('processed_jobs', {
  jobKey: text('job_key').primaryKey(),
  jobName: text('job_name').notNull(),
  outcome: text('outcome').notNull(),
  processedAt: createdAt(),
});
