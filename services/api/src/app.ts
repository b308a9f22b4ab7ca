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
  createReferenceService,
  createRegistryService,
  createStatisticsService,
  createSubsidyService,
  createTransactionsService,
  exchangeRatesAsSubsidyRates,
  creditAsSubsidyGrades,
  registrySubsidyFacts,
  tradeSubsidyFacts,
  createProvenanceLog,
  createTraceService,
  loadProvenanceSigner,
  tradeRollups,
  createConfirmedCodes,
  createPayoutReservations,
  createPayoutService,
  creditAsPayoutFacts,
  ledgerAsStatisticsFund,
  subsidyAsStatisticsFund,
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
import { referenceRoutes } from './routes/reference.routes';
import { registryRoutes } from './routes/registry/registry.routes';
import { traceRoutes } from './routes/trace/trace.routes';
import { statisticsRoutes } from './routes/statistics/statistics.routes';
import { subsidyRoutes } from './routes/subsidy/subsidy.routes';
import { payoutRoutes } from './routes/payout/payout.routes';
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

/** Fastify with the API's logger, body limit, request ids, JSON-only bodies and zod compilers. */
function createFastify(deps: AppDependencies): App {
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
  return app;
}

/** The domain services the routes call, each wired once with the ports it declares. */
function createServices(deps: AppDependencies) {
  // Services query through the request's unit of work when there is one (every POST; idempotency plugin).
  const db = scopedDb(deps.database.db);
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
  const { signer } = loadProvenanceSigner(deps.config.PROVENANCE_SIGNING_KEY, deps.config.NODE_ENV);
  const provenanceLog = createProvenanceLog({ db, signer });
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
  // The monthly report's fund section reads the special fund and the ledger through statistics' ports.
  const fund = { claims: subsidyAsStatisticsFund, ledger: ledgerAsStatisticsFund };
  return {
    access: createAccessService({ db }),
    reference,
    registry,
    exchangeRates,
    priceLibrary,
    excludedGoods,
    credit,
    notifications: createNotificationsService({ db }),
    transactions: createTransactionsService({ db, reference, registry, priceLibrary, excludedGoods, rollups, credit }),
    consolidations: createConsolidationsService({ db, reference, registry }),
    declarations: createDeclarationsService({ db, exchangeRates, excludedGoods, rollups, credit }),
    fxReceipts: createFxReceiptsService({ db, reference, registry, rollups }),
    statistics: createStatisticsService({ db, pool: deps.database.pool, reference, fund }),
    trace: createTraceService({ db, log: provenanceLog, signer }),
    subsidy,
    payout: createPayoutService({
      db,
      credit: creditAsPayoutFacts(credit, db),
      // A payment cancelled for good withdraws the claim's approval and gives its budget back.
      claims: { paymentCancelled: (tx, input) => subsidy.claims.withdrawApproval(tx, input) },
      settings: {
        reservationTimeoutMs: payout.PAYOUT_RESERVATION_MS,
        callbackSecrets: payout.BANK_CALLBACK_SECRET.split(',').map((secret) => secret.trim()),
      },
    }),
  };
}
type Services = ReturnType<typeof createServices>;

/** The cross-cutting plugins, in the order requests pass them: problems, input guard, metrics, docs, auth, idempotency. */
async function registerPlugins(app: App, deps: AppDependencies, { access }: Services) {
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
}

/** Every context's routes, in the order the OpenAPI document lists them. */
function registerRoutes(app: App, deps: AppDependencies, services: Services) {
  const { access, registry, transactions, excludedGoods, consolidations, declarations, fxReceipts } = services;
  healthRoutes(app, deps);
  keysRoutes(app, { access });
  meRoutes(app, { access, registry });
  notificationsRoutes(app, { notifications: services.notifications });
  referenceRoutes(app, { reference: services.reference });
  registryRoutes(app, { registry });
  priceLibraryRoutes(app, { priceLibrary: services.priceLibrary });
  exchangeRatesRoutes(app, { exchangeRates: services.exchangeRates });
  tradeRoutes(app, { transactions, excludedGoods, consolidations, declarations, fxReceipts });
  creditRoutes(app, { credit: services.credit });
  statisticsRoutes(app, { statistics: services.statistics });
  traceRoutes(app, { trace: services.trace });
  subsidyRoutes(app, { subsidy: services.subsidy });
  payoutRoutes(app, { payout: services.payout });
}

/** The composition root: builds the API from its dependencies; the same for production and tests. */
export async function buildApp(deps: AppDependencies): Promise<App> {
  const app = createFastify(deps);
  const services = createServices(deps);
  await registerPlugins(app, deps, services);
  registerRoutes(app, deps, services);
  return app;
}
