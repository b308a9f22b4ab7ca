import { outbox, type DbOrTx } from '@baigou/db';
import { jobContracts, jobKeyProblem, type JobName, type JobPayload } from '@baigou/queues/contracts';

/**
 * Records work that must follow a state change. Call it with the transaction that makes the
 * change, so the job exists if and only if the change committed.
 */
export async function writeOutbox<N extends JobName>(
  tx: DbOrTx,
  jobName: N,
  payload: JobPayload<N>,
  jobKey: string,
): Promise<void> {
  const problem = jobKeyProblem(jobKey);
  if (problem) throw new Error(`outbox job key ${JSON.stringify(jobKey)} is unusable: ${problem}`);
  const contract = jobContracts[jobName];
  await tx.insert(outbox).values({ queue: contract.queue, jobName, payload: contract.payload.parse(payload), jobKey });
}
