import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const servicePackages = [
  '@baigou/api',
  '@baigou/api/*',
  '@baigou/worker',
  '@baigou/worker/*',
  '@baigou/cli',
  '@baigou/platform',
  '@baigou/demo',
  '@baigou/bank-sim',
  '@baigou/bank-sim/*',
];

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'migrations/**', 'test-results/**', '**/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through @baigou/config only.' },
      ],
    },
  },
  {
    // Dependencies point one way: services → packages, never back.
    files: ['packages/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: servicePackages, message: 'packages must not import services' }] },
      ],
    },
  },
  {
    // The domain knows nothing of HTTP or queues.
    files: ['packages/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: servicePackages, message: 'packages must not import services' },
            {
              group: ['fastify-*', '@fastify/*', 'bullmq/*'],
              message: 'packages/core never imports fastify or bullmq',
            },
          ],
          paths: ['fastify', 'bullmq', 'ioredis', '@baigou/queues'].map((name) => ({
            name,
            message: 'packages/core never imports fastify or bullmq (job contracts: @baigou/queues/contracts)',
          })),
        },
      ],
    },
  },
  {
    // Trade declares the ports it needs (trade/trade.ports.ts); statistics implements them. The arrow points one way.
    files: ['packages/core/src/trade/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: servicePackages, message: 'packages must not import services' },
            {
              group: ['fastify-*', '@fastify/*', 'bullmq/*'],
              message: 'packages/core never imports fastify or bullmq',
            },
            { group: ['**/statistics/*', '**/statistics'], message: 'trade reaches statistics through trade.ports.ts' },
          ],
          paths: ['fastify', 'bullmq', 'ioredis', '@baigou/queues'].map((name) => ({
            name,
            message: 'packages/core never imports fastify or bullmq (job contracts: @baigou/queues/contracts)',
          })),
        },
      ],
    },
  },
  {
    // No function over 70 lines in source: a longer one is split into named module-level functions taking
    // their dependencies explicitly (a `createX(deps)` factory only binds deps to them). Data tables are
    // object and array literals, not functions, so the rule never counts them. Tests are excluded (below).
    files: ['packages/*/src/**/*.ts', 'services/*/src/**/*.ts'],
    rules: {
      'max-lines-per-function': ['error', { max: 70, skipBlankLines: true, skipComments: true, IIFEs: true }],
    },
  },
  {
    // Tests, test support and benches: a `describe` callback groups a scenario's cases and reads top to bottom;
    // cutting it at 70 lines would scatter one scenario over helpers without making any case clearer.
    files: ['**/*.test.ts', '**/*.int.test.ts', '**/*.testing.ts', '**/testing.ts', 'test/**/*.ts'],
    rules: { 'max-lines-per-function': 'off' },
  },
  {
    files: [
      'packages/config/**/*.ts',
      'test/**/*.ts',
      'vitest.config.ts',
      '**/*.test.ts',
      '**/*.testing.ts',
      '**/testing.ts',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
);
