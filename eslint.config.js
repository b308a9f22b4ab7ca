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
