import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { GatewayError, gatewayErrors } from './errors';
import type { FaultDice } from './faults';
import type { Gateway } from './gateway';
import { sendProblem } from './http';
import type { PaymentLedger } from './ledger';
import { adminRoutes } from './routes/admin.routes';
import { healthRoutes } from './routes/health.routes';
import { instructionRoutes } from './routes/instructions.routes';
import { statementRoutes } from './routes/statements.routes';

export interface BankSimAppDependencies {
  gateway: Gateway;
  ledger: PaymentLedger;
  dice: FaultDice;
  logger: FastifyBaseLogger;
}

/** The simulator's HTTP face, built from its parts (server.ts wires them and listens). */
export function buildBankSimApp({ gateway, ledger, dice, logger }: BankSimAppDependencies): FastifyInstance {
  const app = Fastify({
    loggerInstance: logger,
    bodyLimit: 64 * 1024,
    // A withheld answer (timeout fault) must not hold up shutdown.
    forceCloseConnections: true,
  });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof GatewayError) {
      if (error.statusCode >= 500) request.log.warn({ code: error.code }, error.message);
      return sendProblem(reply, error);
    }
    const status = typeof error === 'object' && error && 'statusCode' in error ? Number(error.statusCode) : 500;
    if (status >= 400 && status < 500) {
      const message = error instanceof Error ? error.message : 'bad request';
      return sendProblem(reply, new GatewayError('request.malformed', status, 'The request is malformed', message));
    }
    request.log.error({ err: error }, 'unexpected error');
    return sendProblem(reply, gatewayErrors.internal());
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, new GatewayError('route.not_found', 404, 'No such route', `${request.method} ${request.url}`)),
  );

  healthRoutes(app, { ledger, dice });
  instructionRoutes(app, { gateway, dice });
  statementRoutes(app, { ledger });
  adminRoutes(app, { gateway, dice });
  return app;
}
