import { openCallback, type PaymentCallback } from '@baigou/bank-protocol';
import { payoutCallbacks, type Tx } from '@baigou/db';
import { and, eq } from 'drizzle-orm';
import { payoutErrors } from './payout.errors';
import { callbackContentHash } from './payout.models';
import { settlePayment, type PayoutDeps, type SettleOutcome } from './payout.workflow';

export interface CallbackInput {
  rawBody: Buffer;
  headers: Record<string, string | string[] | undefined>;
}

/** Records the callback under (instruction, sequence): the same content again is fine, other content a 422. */
async function recordCallback(tx: Tx, callback: PaymentCallback, hash: string, outcome: SettleOutcome) {
  const inserted = await tx
    .insert(payoutCallbacks)
    .values({
      instructionId: callback.instructionId,
      sequence: callback.sequence,
      contentHash: hash,
      body: callback,
      outcome,
    })
    .onConflictDoNothing()
    .returning({ hash: payoutCallbacks.contentHash });
  if (inserted.length > 0) return;
  const [existing] = await tx
    .select()
    .from(payoutCallbacks)
    .where(
      and(eq(payoutCallbacks.instructionId, callback.instructionId), eq(payoutCallbacks.sequence, callback.sequence)),
    );
  if (existing?.contentHash !== hash) throw conflict(callback);
}

const conflict = (callback: PaymentCallback) =>
  payoutErrors.callbackConflict({
    detail: `callback ${callback.instructionId} #${callback.sequence} was received before with other content / 回调内容冲突`,
    extra: { instructionId: callback.instructionId, sequence: callback.sequence },
  });

/**
 * A bank callback, as the route (or a test, in process) hands it over: authenticated over the exact
 * bytes (HMAC, timestamp within tolerance) before anything in it is read, then settled idempotently by
 * (instruction, sequence), the callback recorded in the settling transaction (`settle.before-commit`).
 */
export async function receiveBankCallback(
  deps: Pick<PayoutDeps, 'db' | 'clock' | 'step'> & { callbackSecrets: readonly string[] },
  input: CallbackInput,
) {
  const verdict = openCallback({ ...input, secrets: deps.callbackSecrets, now: deps.clock() });
  if (!verdict.accepted)
    throw verdict.reason === 'malformed_body'
      ? payoutErrors.callbackMalformed()
      : payoutErrors.callbackUnauthenticated({ extra: { reason: verdict.reason } });
  const { callback } = verdict;
  const hash = callbackContentHash(callback);
  const [seen] = await deps.db
    .select()
    .from(payoutCallbacks)
    .where(
      and(eq(payoutCallbacks.instructionId, callback.instructionId), eq(payoutCallbacks.sequence, callback.sequence)),
    );
  const answer = { instructionId: callback.instructionId, sequence: callback.sequence };
  if (seen) {
    if (seen.contentHash !== hash) throw conflict(callback);
    return { ...answer, outcome: 'duplicate' as const };
  }
  const outcome = await settlePayment(deps, callback, 'callback', (tx, settled) =>
    recordCallback(tx, callback, hash, settled),
  );
  return { ...answer, outcome };
}
