import type { BankSimConfig } from '@baigou/config';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildBankSimApp } from './app';
import { createCallbackDispatcher } from './callbacks';
import { createFaultDice, faultsFromConfig } from './faults';
import { createGateway } from './gateway';
import { createPaymentLedger } from './ledger';

export interface RunningBankSim {
  url: string;
  app: FastifyInstance;
  close(): Promise<void>;
}

/** Wires the ledger, faults, callbacks and gateway, listens, then resumes what a previous run left open. */
export async function startBankSim(
  config: BankSimConfig,
  logger: Logger,
  now: () => Date = () => new Date(),
): Promise<RunningBankSim> {
  const ledger = createPaymentLedger(config.BANK_SIM_LEDGER_FILE);
  const dice = createFaultDice(faultsFromConfig(config), config.BANK_SIM_SEED);
  const dispatcher = createCallbackDispatcher({
    url: config.BANK_SIM_CALLBACK_URL,
    secret: config.BANK_SIM_CALLBACK_SECRET,
    timeoutMs: config.BANK_SIM_CALLBACK_TIMEOUT_MS,
    maxAttempts: config.BANK_SIM_CALLBACK_MAX_ATTEMPTS,
    backoffMs: config.BANK_SIM_CALLBACK_BACKOFF_MS,
    backoffMaxMs: config.BANK_SIM_CALLBACK_BACKOFF_MAX_MS,
    dice,
    logger,
    now,
    onDelivered: (instructionId) => ledger.markDelivered(instructionId, now()),
  });
  const gateway = createGateway({ ledger, dice, dispatcher, now, logger });
  const app = buildBankSimApp({ gateway, ledger, dice, logger });
  const url = await app.listen({ host: config.BANK_SIM_HOST, port: config.BANK_SIM_PORT });
  logger.info(
    {
      url,
      seed: dice.state().seed,
      faults: dice.faults,
      payments: ledger.all().length,
      ledgerFile: config.BANK_SIM_LEDGER_FILE,
    },
    'bank simulator listening',
  );
  gateway.resume();
  return {
    url,
    app,
    async close() {
      gateway.close();
      dispatcher.close();
      await app.close();
      ledger.close();
    },
  };
}
