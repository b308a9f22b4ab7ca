import { check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, id } from './columns';

export const organisations = pgTable(
  'organisations',
  {
    id: id(),
    name: text('name').notNull().unique(),
    kind: text('kind', { enum: ['operator', 'customs', 'center', 'auditor'] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [check('organisations_kind_check', sql`${t.kind} in ('operator','customs','center','auditor')`)],
);

export const apiKeys = pgTable(
  'api_keys',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    role: text('role', { enum: ['operator', 'customs', 'staff', 'auditor', 'admin'] }).notNull(),
    /** SHA-256 of the full key, hex. The key itself is shown once and never stored. */
    keyHash: text('key_hash').notNull().unique(),
    /** First characters of the key, so people can tell keys apart in listings. */
    keyPrefix: text('key_prefix').notNull(),
    label: text('label'),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, precision: 3 }),
    revokedReason: text('revoked_reason'),
  },
  (t) => [
    index('api_keys_org_idx').on(t.orgId),
    check('api_keys_role_check', sql`${t.role} in ('operator','customs','staff','auditor','admin')`),
  ],
);
