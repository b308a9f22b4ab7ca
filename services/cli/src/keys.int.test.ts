import { createHash, randomUUID } from 'node:crypto';
import { createAccessService } from '@baigou/core';
import { apiKeys, organisations } from '@baigou/db';
import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestEnvironment } from '../../../test/support/services';
import { runCli } from './cli.testing';

const env = useTestEnvironment();
const cli = (...args: string[]) => runCli(args, { DATABASE_URL: env.databaseUrl });
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

async function createKey(org: string, kind: string, role: string, ...extra: string[]) {
  const run = await cli('keys', 'create', '--org', org, '--kind', kind, '--role', role, ...extra);
  expect(run.stderr).toBe('');
  expect(run.exitCode).toBe(0);
  expect(run.lines).toHaveLength(1);
  return JSON.parse(run.lines[0]!) as { orgId: string; role: string; key: string; keyId: string };
}

const keyRow = async (keyId: string) => (await env.database.db.select().from(apiKeys).where(eq(apiKeys.id, keyId)))[0];
const organisationsNamed = async (name: string) =>
  env.database.db.select().from(organisations).where(eq(organisations.name, name));
const keyCount = async () => (await env.database.db.select({ n: count() }).from(apiKeys))[0]!.n;

describe('pnpm cli keys create', () => {
  it('prints exactly one JSON line whose key authenticates as the new organisation and role', async () => {
    const created = await createKey('白沟箱包外贸有限公司', 'operator', 'operator', '--label', 'onboarding');

    expect(Object.keys(created)).toEqual(['orgId', 'role', 'key', 'keyId']);
    expect(created.role).toBe('operator');
    expect(created.key).toMatch(/^bgk_[A-Za-z0-9_-]{43}$/);
    const row = await keyRow(created.keyId);
    expect(row).toMatchObject({ orgId: created.orgId, role: 'operator', label: 'onboarding', revokedAt: null });
    expect(row!.keyHash).toBe(sha256(created.key));
    const [organisation] = await organisationsNamed('白沟箱包外贸有限公司');
    expect(organisation).toMatchObject({ id: created.orgId, kind: 'operator' });
    await expect(createAccessService({ db: env.database.db }).authenticate(created.key)).resolves.toEqual({
      keyId: created.keyId,
      orgId: created.orgId,
      orgKind: 'operator',
      role: 'operator',
    });
  });

  it('reuses the organisation when a second key is created for the same name', async () => {
    const first = await createKey('Baigou Trade Service Center', 'center', 'staff');
    const second = await createKey('Baigou Trade Service Center', 'center', 'admin');

    expect(second.orgId).toBe(first.orgId);
    expect(second.keyId).not.toBe(first.keyId);
    expect(second.key).not.toBe(first.key);
    expect(await organisationsNamed('Baigou Trade Service Center')).toHaveLength(1);
    expect((await keyRow(second.keyId))!.role).toBe('admin');
  });

  it('refuses a role the organisation kind may not hold, with exit 1, and writes nothing', async () => {
    const keysBefore = await keyCount();
    const run = await cli('keys', 'create', '--org', 'Sneaky Operator', '--kind', 'operator', '--role', 'admin');

    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('access.role_not_allowed_for_kind');
    expect(run.stderr).toContain('an organisation of kind operator may hold operator keys');
    expect(await organisationsNamed('Sneaky Operator')).toHaveLength(0);
    expect(await keyCount()).toBe(keysBefore);
  });

  it('refuses a second key under an existing name with another kind, with exit 1', async () => {
    await createKey('Shijiazhuang Customs', 'customs', 'customs');
    const run = await cli('keys', 'create', '--org', 'Shijiazhuang Customs', '--kind', 'auditor', '--role', 'auditor');

    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('access.organisation_kind_mismatch');
  });

  // Usage errors stop before the database is opened, so these run side by side.
  describe.concurrent('usage errors', () => {
    it.each([
      [['--kind', 'operator', '--role', 'operator'], '--org is required'],
      [['--org', 'X', '--kind', 'merchant', '--role', 'operator'], '--kind must be one of'],
      [['--org', 'X', '--kind', 'operator', '--role', 'boss'], '--role must be one of'],
      [['--org', 'X', '--kind', 'operator', '--role', 'operator', '--colour', 'red'], "Unknown option '--colour'"],
    ])('treats %j as a usage error: exit 2, nothing on stdout, nothing written', async (args, message) => {
      const run = await cli('keys', 'create', ...args);

      expect(run.exitCode).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(message);
      expect(run.stderr).toContain('pnpm cli keys create --help');
      expect(await organisationsNamed('X')).toHaveLength(0);
    });
  });

  it('prints its usage on stdout for --help and exits 0 without touching the database', async () => {
    const run = await runCli(['keys', 'create', '--help'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });

    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('Usage: pnpm cli keys create --org <name> --kind <kind> --role <role>');
  });
});

describe('pnpm cli keys revoke', () => {
  it('revokes a key so it no longer authenticates, keeping the reason', async () => {
    const created = await createKey('Revoked Trading Co', 'operator', 'operator');
    const run = await cli('keys', 'revoke', '--id', created.keyId, '--reason', 'laptop stolen');

    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ keyId: created.keyId, revokedAt: expect.any(String) });
    expect(await keyRow(created.keyId)).toMatchObject({ revokedReason: 'laptop stolen', revokedAt: expect.any(Date) });
    await expect(createAccessService({ db: env.database.db }).authenticate(created.key)).rejects.toMatchObject({
      code: 'auth.invalid_key',
    });
  });

  it('answers a second revocation with access.key_already_revoked and keeps the first reason', async () => {
    const created = await createKey('Twice Revoked Co', 'operator', 'operator');
    await cli('keys', 'revoke', '--id', created.keyId, '--reason', 'first');
    const run = await cli('keys', 'revoke', '--id', created.keyId, '--reason', 'second');

    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('access.key_already_revoked');
    expect((await keyRow(created.keyId))!.revokedReason).toBe('first');
  });

  it('answers an unknown key id with access.key_not_found, and a malformed one as a usage error', async () => {
    const [unknown, malformed, noReason] = await Promise.all([
      cli('keys', 'revoke', '--id', randomUUID(), '--reason', 'cleanup'),
      cli('keys', 'revoke', '--id', 'not-a-uuid', '--reason', 'cleanup'),
      cli('keys', 'revoke', '--id', randomUUID()),
    ]);

    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr).toContain('access.key_not_found');
    expect(malformed.exitCode).toBe(2);
    expect(malformed.stderr).toContain('--id must be a key id');
    expect(noReason.exitCode).toBe(2);
    expect(noReason.stderr).toContain('--reason is required');
  });
});

describe('pnpm cli keys list', () => {
  it('lists keys with their status as JSON lines and as a table, never showing a secret', async () => {
    const [active, revoked] = await Promise.all([
      createKey('Listed Auditors LLP', 'auditor', 'auditor', '--label', 'audit 2026'),
      createKey('Listed Auditors LLP', 'auditor', 'auditor'),
    ]);
    expect(active.orgId).toBe(revoked.orgId);
    await cli('keys', 'revoke', '--id', revoked.keyId, '--reason', 'rotated');

    const [json, table] = await Promise.all([cli('keys', 'list', '--json'), cli('keys', 'list')]);
    expect(json.exitCode).toBe(0);
    const listed = json.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(listed).toHaveLength(await keyCount());
    expect(listed.find((key) => key.keyId === active.keyId)).toMatchObject({
      orgName: 'Listed Auditors LLP',
      role: 'auditor',
      label: 'audit 2026',
      keyPrefix: active.key.slice(0, 10),
      revokedAt: null,
    });
    expect(listed.find((key) => key.keyId === revoked.keyId)).toMatchObject({ revokedAt: expect.any(String) });

    expect(table.exitCode).toBe(0);
    expect(table.lines[0]).toMatch(/^KEY ID\s+PREFIX\s+ROLE\s+ORGANISATION\s+KIND\s+LABEL\s+CREATED\s+STATUS$/);
    expect(table.lines.find((line) => line.startsWith(revoked.keyId))).toMatch(/revoked \d{4}-/);
    expect(table.lines.find((line) => line.startsWith(active.keyId))).toMatch(/active$/);
    for (const output of [json.stdout, table.stdout]) {
      expect(output).not.toContain(active.key);
      expect(output).not.toContain(sha256(active.key));
    }
  });
});
