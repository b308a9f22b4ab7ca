import { apiKeys, organisations, type Db } from '@baigou/db';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { afterPosition, fetchPage, type CursorPosition } from '../shared/pagination';
import { accessErrors } from './access.errors';
import {
  displayPrefix,
  generateApiKey,
  hashApiKey,
  rolesByOrganisationKind,
  type OrganisationKind,
  type Principal,
  type Role,
} from './access.models';

export interface KeyRequest {
  orgName: string;
  kind: OrganisationKind;
  role: Role;
  label?: string | undefined;
}

export interface CreatedKey {
  orgId: string;
  orgName: string;
  keyId: string;
  role: Role;
  /** The secret; returned once, stored only as its hash. */
  key: string;
}

/** Creates the organisation, or reuses the one with this name if its kind matches. */
async function ensureOrganisation(db: Db, name: string, kind: OrganisationKind) {
  await db.insert(organisations).values({ name, kind }).onConflictDoNothing({ target: organisations.name });
  const [organisation] = await db.select().from(organisations).where(eq(organisations.name, name));
  if (!organisation) throw new Error(`organisation ${name} vanished after upsert`);
  if (organisation.kind !== kind) {
    throw accessErrors.organisationKindMismatch({
      detail: `organisation "${name}" exists with kind ${organisation.kind}`,
      fields: [{ path: '/body/kind', message: `the organisation is a ${organisation.kind}` }],
    });
  }
  return organisation;
}

async function createKey(db: Db, args: KeyRequest): Promise<CreatedKey> {
  if (!rolesByOrganisationKind[args.kind].includes(args.role)) {
    throw accessErrors.roleNotAllowedForKind({
      detail: `an organisation of kind ${args.kind} may hold ${rolesByOrganisationKind[args.kind].join(', ')} keys`,
      fields: [{ path: '/body/role', message: `not allowed for kind ${args.kind}` }],
    });
  }
  const organisation = await ensureOrganisation(db, args.orgName, args.kind);
  const key = generateApiKey();
  const [row] = await db
    .insert(apiKeys)
    .values({
      orgId: organisation.id,
      role: args.role,
      keyHash: hashApiKey(key),
      keyPrefix: displayPrefix(key),
      label: args.label ?? null,
    })
    .returning({ id: apiKeys.id });
  return { orgId: organisation.id, orgName: organisation.name, keyId: row!.id, role: args.role, key };
}

/** Resolves a presented key to its principal; unknown and revoked keys alike are refused. */
async function authenticate(db: Db, key: string): Promise<Principal> {
  const [row] = await db
    .select({
      keyId: apiKeys.id,
      orgId: apiKeys.orgId,
      role: apiKeys.role,
      orgKind: organisations.kind,
    })
    .from(apiKeys)
    .innerJoin(organisations, eq(organisations.id, apiKeys.orgId))
    .where(and(eq(apiKeys.keyHash, hashApiKey(key)), isNull(apiKeys.revokedAt)));
  if (!row) throw accessErrors.invalidKey();
  return row;
}

async function revokeKey(db: Db, keyId: string, reason: string) {
  const [revoked] = await db
    .update(apiKeys)
    .set({ revokedAt: sql`now()`, revokedReason: reason })
    .where(and(eq(apiKeys.id, keyId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id, revokedAt: apiKeys.revokedAt });
  if (revoked) return { keyId: revoked.id, revokedAt: revoked.revokedAt! };
  const [existing] = await db.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.id, keyId));
  throw existing ? accessErrors.keyAlreadyRevoked() : accessErrors.keyNotFound();
}

async function listKeys(db: Db, query: { cursor?: string | undefined; limit: number }) {
  return fetchPage(
    query,
    'api-keys',
    (after, take) => findKeys(db, after, take),
    (row) => row,
  );
}

/** API keys with their organisation, in creation order after the cursor position. */
function findKeys(db: Db, after: CursorPosition | undefined, take: number) {
  return db
    .select({
      id: apiKeys.id,
      keyPrefix: apiKeys.keyPrefix,
      role: apiKeys.role,
      label: apiKeys.label,
      orgId: organisations.id,
      orgName: organisations.name,
      orgKind: organisations.kind,
      createdAt: apiKeys.createdAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .innerJoin(organisations, eq(organisations.id, apiKeys.orgId))
    .where(afterPosition(apiKeys, after))
    .orderBy(asc(apiKeys.createdAt), asc(apiKeys.id))
    .limit(take);
}

async function getOrganisation(db: Db, orgId: string) {
  const [organisation] = await db.select().from(organisations).where(eq(organisations.id, orgId));
  return organisation;
}

export function createAccessService({ db }: { db: Db }) {
  return {
    /** Creates the organisation, or reuses the one with this name if its kind matches. */
    ensureOrganisation: (name: string, kind: OrganisationKind) => ensureOrganisation(db, name, kind),
    getOrganisation: (orgId: string) => getOrganisation(db, orgId),
    createKey: (args: KeyRequest) => createKey(db, args),
    /** Resolves a presented key to its principal; unknown and revoked keys alike are refused. */
    authenticate: (key: string) => authenticate(db, key),
    revokeKey: (keyId: string, reason: string) => revokeKey(db, keyId, reason),
    listKeys: (query: { cursor?: string | undefined; limit: number }) => listKeys(db, query),
  };
}

export type AccessService = ReturnType<typeof createAccessService>;
