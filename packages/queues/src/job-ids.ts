/**
 * Outbox job keys are free-form text (the registry writes `registry.decision:merchant:<id>:<version>`),
 * but BullMQ refuses custom job ids that contain ':' (its own key separator) or look like integers
 * (its automatic ids). The relay therefore escapes '%' and ':' the way URLs do, which is reversible,
 * so the worker recovers the exact outbox key, and the BullMQ id stays readable.
 */
export function toJobId(jobKey: string): string {
  return jobKey.replace(/[%:]/g, (character) => (character === '%' ? '%25' : '%3A'));
}

export function fromJobId(jobId: string): string {
  return jobId.replace(/%(25|3A)/g, (_, code: string) => (code === '25' ? '%' : ':'));
}

/** Why BullMQ would refuse this key as a job id even after escaping, or undefined if it is fine. */
export function jobKeyProblem(jobKey: string): string | undefined {
  if (jobKey.length === 0) return 'job key is empty';
  if (`${Number.parseInt(jobKey, 10)}` === jobKey) return 'job key looks like an integer, which BullMQ reserves';
  return undefined;
}

/**
 * The instant a job scheduler meant a job for. BullMQ names the jobs of a scheduler
 * `repeat:<schedulerId>:<millis>`, so a retried firing keeps its time; other keys have none.
 */
export function scheduledFiringOf(jobKey: string): Date | undefined {
  const match = /^repeat:.+:(\d{10,})$/.exec(jobKey);
  return match ? new Date(Number(match[1])) : undefined;
}
