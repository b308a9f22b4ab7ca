import { randomUUID } from 'node:crypto';
import { payoutConfigSchema, type ApiConfig } from '@baigou/config';
import {
  createAccessService,
  createConsolidationsService,
  createCreditService,
  createFxReceiptsService,
  createDeclarationsService,
  createExcludedGoodsService,
  createExchangeRatesService,
  createNotificationsService,
  createPriceLibraryService,
  createConfirmedCodes,
  createReferenceService,
  createRegistryService,
  createStatisticsService,
  createSubsidyService,
  createPayoutReservations,
  createPayoutService,
  creditAsPayoutFacts,
  createTransactionsService,
  exchangeRatesAsSubsidyRates,
  creditAsSubsidyGrades,
  ledgerAsStatisticsFund,
  subsidyAsStatisticsFund,
  registrySubsidyFacts,
  tradeSubsidyFacts,
  createProvenanceLog,
  createTraceService,
  loadProvenanceSigner,
  tradeRollups,
} from '@baigou/core';
import { scopedDb, type Database } from '@baigou/db';
import Fastify, { type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Redis } from 'ioredis';
import type { LoggerOptions } from 'pino';
import type { App } from './http/types';
import authPlugin from './plugins/auth.plugin';
import idempotencyPlugin from './plugins/idempotency.plugin';
import metricsPlugin from './plugins/metrics.plugin';
import openapiPlugin from './plugins/openapi.plugin';
import inputGuardPlugin from './plugins/input-guard.plugin';
import problemPlugin, { clientErrorHandler, frameworkErrorHandler } from './plugins/problem.plugin';
import { keysRoutes } from './routes/admin/keys.routes';
import { creditRoutes } from './routes/credit/credit.routes';
import { exchangeRatesRoutes } from './routes/exchange-rates.routes';
import { healthRoutes } from './routes/health.routes';
import { meRoutes } from './routes/me.routes';
import { notificationsRoutes } from './routes/notifications.routes';
import { priceLibraryRoutes } from './routes/price-library/price-library.routes';
import { payoutRoutes } from './routes/payout/payout.routes';
import { referenceRoutes } from './routes/reference.routes';
import { registryRoutes } from './routes/registry/registry.routes';
import { traceRoutes } from './routes/trace/trace.routes';
import { statisticsRoutes } from './routes/statistics/statistics.routes';
import { subsidyRoutes } from './routes/subsidy/subsidy.routes';
import { tradeRoutes } from './routes/trade/trade.routes';

export interface AppDependencies {
  config: Pick<
    ApiConfig,
    | 'BODY_LIMIT_BYTES'
    | 'RATE_LIMIT_PER_MINUTE'
    | 'REDIS_PREFIX'
    | 'LOG_LEVEL'
    | 'PUBLIC_URL'
    | 'PROVENANCE_SIGNING_KEY'
    | 'NODE_ENV'
  > &
    /** The payout settings; unset ones take their defaults from the configuration schema. */
    Partial<Pick<ApiConfig, 'BANK_CALLBACK_SECRET' | 'PAYOUT_RESERVATION_MS' | 'PAYOUT_STUCK_AFTER_MS'>>;
  database: Database;
  /** A client that fails fast while Redis is down (readiness, rate limits); never the BullMQ one. */
  redis: Redis;
  logger?: FastifyServerOptions['loggerInstance'];
}

/** Secrets and personal ID numbers never reach the logs. */
export const redactedLogPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'key',
  '*.key',
  '*.residentId',
  '*.idNumber',
  '*.accountNo',
  '*.*.residentId',
  '*.*.idNumber',
  '*.*.accountNo',
];

/**
 * Query parameters whose values can carry a secret (a key passed as `?api_key=`) or a personal or registration
 * number (`idNumber`, `uscc`, and free-text searches such as `q`, where people type resident IDs), compared
 * case-insensitively. Their values are censored in every logged URL; the names stay, so requests remain traceable.
 */
const redactedQueryParameters = new Set([
  'idnumber',
  'residentid',
  'accountno',
  'uscc',
  'q',
  'merchant',
  'purchaser',
  'key',
  'api_key',
  'apikey',
  'api-key',
  'access_token',
  'token',
  'secret',
  'password',
  'authorization',
]);

function decodedName(name: string): string {
  try {
    return decodeURIComponent(name).toLowerCase();
  } catch {
    return name.toLowerCase();
  }
}

/** The request URL as logged: the values of ID-bearing query parameters are censored, the rest kept for tracing. */
export function redactUrl(url: string): string {
  const start = url.indexOf('?');
  if (start < 0) return url;
  const pairs = url
    .slice(start + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals < 0 ? pair : pair.slice(0, equals);
      return equals >= 0 && redactedQueryParameters.has(decodedName(name)) ? `${name}=[redacted]` : pair;
    });
  return `${url.slice(0, start)}?${pairs.join('&')}`;
}

/**
 * The API's logger settings; tests build their in-memory logger from the same. Redaction covers logged
 * objects; the URL, which Fastify logs with every request, needs its own serializer.
 */
export function apiLoggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: redactedLogPaths, censor: '[redacted]' },
    serializers: {
      req: (request: FastifyRequest) => ({
        method: request.method,
        url: redactUrl(request.url),
        host: request.host,
        remoteAddress: request.ip,
        remotePort: request.socket?.remotePort,
      }),
    },
  };
}

/** The composition root: builds the API from its dependencies; the same for production and tests. */
export async function buildApp(deps: AppDependencies): Promise<App> {
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: apiLoggerOptions(deps.config.LOG_LEVEL) }),
    bodyLimit: deps.config.BODY_LIMIT_BYTES,
    // A client's X-Request-Id is kept for tracing only when it is a sane token; otherwise we mint one.
    requestIdHeader: false,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(given) ? given : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();
  // The API speaks JSON only: a text/plain body is refused with 415 like any other media type.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  // Services query through the request's unit of work when there is one (every POST; idempotency plugin).
  const db = scopedDb(deps.database.db);
  const access = createAccessService({ db });
  const reference = createReferenceService({ db });
  const registry = createRegistryService({ db, reference });
  const exchangeRates = createExchangeRatesService({ db, reference });
  // Trade's confirmed codes teach the price library aliases: the port is declared there, implemented by trade.
  const priceLibrary = createPriceLibraryService({
    db,
    reference,
    exchangeRates,
    confirmedCodes: createConfirmedCodes({ db }),
  });
  const excludedGoods = createExcludedGoodsService({ db });
  const credit = createCreditService({ db, registry });
  // Trade's roll-up port, implemented by statistics: the arrow points statistics → trade only.
  const rollups = tradeRollups;
  const transactions = createTransactionsService({
    db,
    reference,
    registry,
    priceLibrary,
    excludedGoods,
    rollups,
    credit,
  });

  await app.register(problemPlugin);
  await app.register(inputGuardPlugin);
  await app.register(metricsPlugin);
  await app.register(openapiPlugin, { publicUrl: deps.config.PUBLIC_URL });
  await app.register(authPlugin, {
    access,
    redis: deps.redis,
    redisPrefix: deps.config.REDIS_PREFIX,
    ratePerMinute: deps.config.RATE_LIMIT_PER_MINUTE,
  });
  await app.register(idempotencyPlugin, { db: deps.database.db });

  healthRoutes(app, deps);
  keysRoutes(app, { access });
  meRoutes(app, { access, registry });
  notificationsRoutes(app, { notifications: createNotificationsService({ db }) });
  referenceRoutes(app, { reference });
  registryRoutes(app, { registry });
  priceLibraryRoutes(app, { priceLibrary });
  exchangeRatesRoutes(app, { exchangeRates });
  const consolidations = createConsolidationsService({ db, reference, registry });
  const declarations = createDeclarationsService({ db, exchangeRates, excludedGoods, rollups, credit });
  tradeRoutes(app, {
    transactions,
    excludedGoods,
    consolidations,
    declarations,
    fxReceipts: createFxReceiptsService({ db, reference, registry, rollups }),
  });
  creditRoutes(app, { credit });
  // The monthly report's fund section reads the special fund and the ledger through statistics' ports.
  const fund = { claims: subsidyAsStatisticsFund, ledger: ledgerAsStatisticsFund };
  statisticsRoutes(app, { statistics: createStatisticsService({ db, pool: deps.database.pool, reference, fund }) });
  const { signer } = loadProvenanceSigner(deps.config.PROVENANCE_SIGNING_KEY, deps.config.NODE_ENV);
  const provenanceLog = createProvenanceLog({ db, signer });
  traceRoutes(app, { trace: createTraceService({ db, log: provenanceLog, signer }) });
  const payout = payoutConfigSchema.parse({
    BANK_CALLBACK_SECRET: deps.config.BANK_CALLBACK_SECRET,
    PAYOUT_RESERVATION_MS: deps.config.PAYOUT_RESERVATION_MS,
    PAYOUT_STUCK_AFTER_MS: deps.config.PAYOUT_STUCK_AFTER_MS,
  });
  // Subsidy reads facts through its ports, the credit grade among them; an approval reserves the
  // money through the payout port, in the approval's transaction.
  const subsidy = createSubsidyService({
    db,
    trade: tradeSubsidyFacts,
    registry: registrySubsidyFacts,
    credit: creditAsSubsidyGrades(credit),
    rates: exchangeRatesAsSubsidyRates(exchangeRates),
    payouts: createPayoutReservations({
      settings: { reservationTimeoutMs: payout.PAYOUT_RESERVATION_MS },
      clock: () => new Date(),
    }),
    provenance: { log: provenanceLog, signer },
  });
  subsidyRoutes(app, { subsidy });
  const payoutService = createPayoutService({
    db,
    credit: creditAsPayoutFacts(credit, db),
    // A payment cancelled for good withdraws the claim's approval and gives its budget back.
    claims: { paymentCancelled: (tx, input) => subsidy.claims.withdrawApproval(tx, input) },
    settings: {
      reservationTimeoutMs: payout.PAYOUT_RESERVATION_MS,
      callbackSecrets: payout.BANK_CALLBACK_SECRET.split(',').map((secret) => secret.trim()),
    },
  });
  payoutRoutes(app, { payout: payoutService });
  return app;
}
