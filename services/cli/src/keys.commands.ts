import { createAccessService, organisationKinds, roles, rolesByOrganisationKind } from '@baigou/core';
import {
  formatTable,
  output,
  parseFlags,
  requireOneOf,
  requireText,
  UsageError,
  withDatabase,
  type CommandGroup,
} from './cli.support';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const allowedPairs = organisationKinds.map((kind) => `${kind}: ${rolesByOrganisationKind[kind].join(', ')}`).join('; ');

async function create(args: string[]) {
  const { values } = parseFlags({
    args,
    options: {
      org: { type: 'string' },
      kind: { type: 'string' },
      role: { type: 'string' },
      label: { type: 'string' },
    },
  });
  const orgName = requireText(values.org, 'org');
  const kind = requireOneOf(values.kind, 'kind', organisationKinds);
  const role = requireOneOf(values.role, 'role', roles);
  const label = values.label?.trim() || undefined;
  const created = await withDatabase(({ db }) => createAccessService({ db }).createKey({ orgName, kind, role, label }));
  // The one line a provisioning script captures; the secret is never shown again.
  output.result(JSON.stringify({ orgId: created.orgId, role: created.role, key: created.key, keyId: created.keyId }));
}

async function revoke(args: string[]) {
  const { values } = parseFlags({
    args,
    options: { id: { type: 'string' }, reason: { type: 'string' } },
  });
  const keyId = requireText(values.id, 'id');
  if (!uuidPattern.test(keyId)) throw new UsageError(`--id must be a key id (a UUID), got "${keyId}"`);
  const reason = requireText(values.reason, 'reason');
  const revoked = await withDatabase(({ db }) => createAccessService({ db }).revokeKey(keyId, reason));
  output.result(JSON.stringify({ keyId: revoked.keyId, revokedAt: revoked.revokedAt }));
}

async function list(args: string[]) {
  const { values } = parseFlags({ args, options: { json: { type: 'boolean', default: false } } });
  const keys = await withDatabase(async ({ db }) => {
    const access = createAccessService({ db });
    const all = [];
    let cursor: string | undefined;
    do {
      const page = await access.listKeys({ cursor, limit: 200 });
      all.push(...page.items.map(({ id, ...key }) => ({ keyId: id, ...key })));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return all;
  });
  if (values.json) {
    for (const key of keys) output.result(JSON.stringify(key));
    return;
  }
  const rows = keys.map((key) => [
    key.keyId,
    key.keyPrefix,
    key.role,
    key.orgName,
    key.orgKind,
    key.label ?? '',
    key.createdAt.toISOString(),
    key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : 'active',
  ]);
  const headers = ['KEY ID', 'PREFIX', 'ROLE', 'ORGANISATION', 'KIND', 'LABEL', 'CREATED', 'STATUS'];
  for (const line of formatTable(headers, rows)) output.result(line);
  output.progress(`${keys.length} key(s)`);
}

export const keysCommands: CommandGroup = {
  summary: 'create, revoke and list API keys',
  commands: {
    create: {
      summary: 'create an API key (and its organisation, if new)',
      usage: `Usage: pnpm cli keys create --org <name> --kind <kind> --role <role> [--label <text>]

Creates an API key for the organisation named --org, creating the organisation
when no organisation has that name and reusing it when one does (its kind must match).
Prints one JSON line on stdout: {"orgId","role","key","keyId"}. The key is shown only once.

  --org <name>     organisation name
  --kind <kind>    ${organisationKinds.join(' | ')}
  --role <role>    ${roles.join(' | ')}
                   allowed per kind: ${allowedPairs}
  --label <text>   optional note, e.g. who holds the key`,
      run: create,
    },
    revoke: {
      summary: 'revoke an API key',
      usage: `Usage: pnpm cli keys revoke --id <keyId> --reason <text>

Revokes the key at once; later requests with it are refused. Prints {"keyId","revokedAt"}.

  --id <keyId>      the key id printed by "keys create" or "keys list"
  --reason <text>   why, kept with the key for audit`,
      run: revoke,
    },
    list: {
      summary: 'list API keys (never their secrets)',
      usage: `Usage: pnpm cli keys list [--json]

Lists every key with its organisation, role and status, oldest first.

  --json   one JSON object per line instead of a table`,
      run: list,
    },
  },
};
