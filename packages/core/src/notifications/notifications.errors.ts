import { createErrorFactory } from '../shared/errors';

export const notificationsErrors = {
  /** Invariant 2: the same job key with different content is an error, never silently ignored. */
  jobKeyReused: createErrorFactory({
    code: 'notifications.job_key_reused',
    statusCode: 409,
    title: 'A job key was delivered again with different content',
  }),
};
