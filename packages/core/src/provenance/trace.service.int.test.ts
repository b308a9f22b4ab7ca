import { describe, expect, it } from 'vitest';
import { useTestEnvironment } from '../../../../test/support/services';
import { createProvenanceLog } from './provenance.log';
import { loadProvenanceSigner } from './signer';
import { createTraceService, type TraceService } from './trace.service';

/** The not-found decisions about the log's checkpoints, on a log that has signed none yet. */
describe('trace service: checkpoints that do not exist', () => {
  const env = useTestEnvironment();
  const service = (): TraceService => {
    const { signer } = loadProvenanceSigner(undefined, 'test');
    const log = createProvenanceLog({ db: env.database.db, signer });
    return createTraceService({ db: env.database.db, log, signer });
  };

  it('answers trace.checkpoint_not_found for the latest checkpoint while the log has none', async () => {
    await expect(service().latestCheckpoint()).rejects.toMatchObject({
      code: 'trace.checkpoint_not_found',
      statusCode: 404,
      message: 'the log has no checkpoint yet',
    });
  });

  it('answers trace.checkpoint_not_found for a tree size never signed', async () => {
    await expect(service().checkpoint(5)).rejects.toMatchObject({
      code: 'trace.checkpoint_not_found',
      statusCode: 404,
    });
  });

  it('refuses a consistency proof beyond the latest signed checkpoint, saying there is none yet', async () => {
    await expect(service().consistency(1, 2)).rejects.toMatchObject({
      code: 'trace.checkpoint_not_found',
      statusCode: 404,
      fields: [{ path: '/querystring/to', message: 'no checkpoint is signed yet' }],
    });
  });

  it('lists no signing key before any checkpoint is signed', async () => {
    await expect(service().publicKeys()).resolves.toEqual({ items: [] });
  });
});
