import { ConfigError, demoConfigSchema, loadConfig } from '@baigou/config';
import closeWithGrace from 'close-with-grace';
import { runDemo } from './demo';
import { DemoApiError } from './client';
import { startPlatform } from './platform';
import { stdoutOutput } from './progress';

/**
 * `pnpm demo`: starts the platform (unless DEMO_API_URL names a running one), drives one month
 * through it, prints the statistics, and leaves the platform running for a person to explore
 * (DEMO_EXIT=true stops it instead, for CI).
 */

let config;
try {
  config = loadConfig(demoConfigSchema);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
}

const output = stdoutOutput;
const platformStarted = performance.now();
output.line(
  config.DEMO_API_URL
    ? `Using the platform at ${config.DEMO_API_URL}`
    : 'Starting the platform (database, migrations, code lists, price library, worker, API) …',
);
const platform = await startPlatform(config, (step) => output.line(`  platform       ${step}`)).catch(
  (error: unknown) => {
    process.stderr.write(`the platform did not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.stderr.write('Is PostgreSQL reachable at DATABASE_URL and Redis at REDIS_URL?\n');
    process.exit(1);
  },
);
if (platform.ownsPlatform)
  output.line(
    `  platform       running at ${platform.url} (${((performance.now() - platformStarted) / 1000).toFixed(1)} s)`,
  );

const stop = async () => {
  await platform.close();
};

try {
  const summary = await runDemo(config, platform, output, Boolean(process.stdout.isTTY));
  output.line('');
  output.line(`API docs:   ${summary.docsUrl}`);
  output.line(`OpenAPI:    ${platform.url}/openapi.json`);
  output.line('');
  output.line('Keys made for this run (send one as "Authorization: Bearer <key>"):');
  const width = Math.max(...summary.keys.map((each) => each.label.length)) + 1;
  for (const each of summary.keys) output.line(`${`${each.label}:`.padEnd(width)}  ${each.key}  ${each.organisation}`);
  output.line('Try:');
  for (const each of summary.keys) {
    output.line(
      `  curl -H "Authorization: Bearer ${each.key}" "${platform.url}${each.tryPath}"   # ${each.label.replace(/ key$/, '').toLowerCase()}: ${each.what}`,
    );
  }
  output.line(
    `Month report (月报, a sheet per dimension): curl -H "Authorization: Bearer ${summary.staffKey}" -o statistics-${summary.month}.xlsx "${platform.url}/v1/statistics/monthly/report?month=${summary.month}&format=xlsx"`,
  );
  if (config.DEMO_EXIT || !platform.ownsPlatform) {
    await stop();
    output.line('Demo finished.');
  } else {
    output.line('The platform keeps running; press Ctrl-C to stop it.');
    closeWithGrace({ delay: config.SHUTDOWN_GRACE_MS }, async ({ err }) => {
      if (err) process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      await stop();
    });
  }
} catch (error) {
  process.stderr.write(
    `demo failed: ${error instanceof DemoApiError || error instanceof Error ? error.message : String(error)}\n`,
  );
  if (error instanceof Error && !(error instanceof DemoApiError) && error.stack)
    process.stderr.write(`${error.stack}\n`);
  await stop().catch(() => {});
  process.exit(1);
}
