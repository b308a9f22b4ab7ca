import type { Role } from '@baigou/core';

/** Customs liaison pull traceability; center staff and auditors too. */
export const TRACERS: readonly Role[] = ['customs', 'staff', 'auditor'];
