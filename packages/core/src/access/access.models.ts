import { createHash, randomBytes } from 'node:crypto';

export const organisationKinds = ['operator', 'customs', 'center', 'auditor'] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

export const roles = ['operator', 'customs', 'staff', 'auditor', 'admin'] as const;
export type Role = (typeof roles)[number];

/** Which roles a key of an organisation of each kind may carry. */
export const rolesByOrganisationKind: Record<OrganisationKind, readonly Role[]> = {
  operator: ['operator'],
  customs: ['customs'],
  center: ['staff', 'admin'],
  auditor: ['auditor'],
};

/** The authenticated caller, as every route and service sees it. */
export interface Principal {
  keyId: string;
  orgId: string;
  orgKind: OrganisationKind;
  role: Role;
}

const KEY_PREFIX = 'bgk_';

/** 256 random bits, base64url, with a recognisable prefix so leaked keys are easy to scan for. */
export function generateApiKey(): string {
  return KEY_PREFIX + randomBytes(32).toString('base64url');
}

/** Keys are high-entropy random strings, so a fast unsalted hash is the right choice (no dictionary to attack). */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Shown in listings so people can tell keys apart without the secret. */
export const displayPrefix = (key: string) => key.slice(0, KEY_PREFIX.length + 6);
