import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations } from './access.table';
import { createdAt, id } from './columns';

/** An organisation's inbox: registration decisions and, later, other events addressed to it. */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    kind: text('kind').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: uuid('subject_id').notNull(),
    message: text('message').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    /** The job that produced it; unique, so a redelivered job cannot notify twice. */
    sourceJobKey: text('source_job_key').notNull().unique(),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [index('notifications_org_created_idx').on(t.orgId, t.createdAt, t.id)],
);
