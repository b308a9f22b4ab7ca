import { describe, expect, it } from 'vitest';
import { bankSimConfigSchema } from './bank-sim';
import { ConfigError, loadConfig } from './index';

describe('bank simulator configuration', () => {
  it('starts an honest simulator from an empty environment', () => {
    const config = loadConfig(bankSimConfigSchema, {});
    expect(config).toMatchObject({
      BANK_SIM_PORT: 3100,
      BANK_SIM_SEED: 1,
      BANK_SIM_BAD_ACCOUNT_MODE: 'sync',
      BANK_SIM_FAULT_DUPLICATE_CALLBACK: 0,
      BANK_SIM_FAULT_TIMEOUT_AFTER_PAY: 0,
    });
    expect(config.BANK_SIM_CALLBACK_URL).toBeUndefined();
    expect(config.BANK_SIM_LEDGER_FILE).toBeUndefined();
  });

  it('refuses probabilities outside 0…1, a short secret and an unknown mode, naming each', () => {
    const attempt = () =>
      loadConfig(bankSimConfigSchema, {
        BANK_SIM_FAULT_DUPLICATE_CALLBACK: '1.5',
        BANK_SIM_CALLBACK_SECRET: 'short',
        BANK_SIM_TIMEOUT_MODE: 'sometimes',
      });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      expect((error as ConfigError).issues.map((issue) => issue.key).sort()).toEqual([
        'BANK_SIM_CALLBACK_SECRET',
        'BANK_SIM_FAULT_DUPLICATE_CALLBACK',
        'BANK_SIM_TIMEOUT_MODE',
      ]);
    }
  });
});
