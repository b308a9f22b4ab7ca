export * from './exchange-rates.errors';
export * from './exchange-rates.schemas';
export {
  createExchangeRatesService,
  cnyPerUnit,
  DEMO_RATE_SOURCE,
  type ExchangeRatesService,
  type MonthlyRates,
} from './exchange-rates.service';
