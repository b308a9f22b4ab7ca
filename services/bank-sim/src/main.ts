import { bankSimConfigSchema, loadConfig } from '@baigou/config';
import closeWithGrace from 'close-with-grace';
import { pino } from 'pino';
import { startBankSim } from './server';

/** Process entry of `pnpm bank:sim`: configuration, logger, the simulator, graceful shutdown. */
const config = loadConfig(bankSimConfigSchema);
const logger = pino({ level: config.LOG_LEVEL, base: { service: 'bank-sim' } });
const bank = await startBankSim(config, logger);

// Settlements not yet due are dropped on shutdown; with a ledger file the next run settles them.
closeWithGrace(
  { delay: config.SHUTDOWN_GRACE_MS, logger: { error: (message: unknown) => logger.error(message) } },
  async ({ signal, err }) => {
    if (err) logger.error({ err }, 'bank simulator stopping after an unexpected error');
    else logger.info({ signal }, 'bank simulator stopping');
    await bank.close();
  },
);
