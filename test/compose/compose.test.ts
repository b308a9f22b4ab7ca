import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { apiConfigSchema, cliConfigSchema, knownVariables, loadConfig, workerConfigSchema } from '@baigou/config';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  composeFile,
  createComposeValidator,
  effectiveRedisSettings,
  findComposeBinary,
  readCompose,
  readRedisConf,
  repoRoot,
  type ComposeService,
} from './compose.support';

const compose = readCompose();
const service = (name: string): ComposeService => {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
};
const environment = (name: string) =>
  Object.fromEntries(Object.entries(service(name).environment ?? {}).map(([key, value]) => [key, String(value)]));
const command = (name: string) => {
  const value = service(name).command;
  return typeof value === 'string' ? value : value?.join(' ');
};

function setPath(document: object, path: string, value: unknown) {
  const keys = path.split('.');
  const parent = keys
    .slice(0, -1)
    .reduce<Record<string, unknown>>(
      (node, key) => node[key] as Record<string, unknown>,
      document as Record<string, unknown>,
    );
  parent[keys.at(-1)!] = value;
}

/** Which process schema each application service is parsed with (migrate runs packages/db/src/migrate.cli.ts). */
const schemaByService = { api: apiConfigSchema, worker: workerConfigSchema, migrate: cliConfigSchema } as const;

describe('docker-compose.yml against the Compose Specification', () => {
  const validate = createComposeValidator();

  it('validates against the official Compose Specification JSON schema', () => {
    expect(validate(compose)).toEqual([]);
  });

  it.each([
    ['a misspelt service key', 'services.api.enviroment', { PORT: '3000' }],
    ['a healthcheck interval that is not a duration', 'services.redis.healthcheck.interval', 'often'],
    ['an unknown depends_on condition', 'services.api.depends_on.migrate.condition', 'service_done'],
    ['a malformed port mapping', 'services.api.ports', ['3000:http']],
  ])('rejects a copy with %s, so the check above can fail', (_, path, value) => {
    const copy = structuredClone(compose);
    setPath(copy, path, value);
    expect(validate(copy)).not.toEqual([]);
  });

  const binary = findComposeBinary();
  it.skipIf(!binary)(
    `is accepted by \`${binary?.join(' ') ?? 'docker compose'} config\`, which rejects a broken copy`,
    async () => {
      const run = promisify(execFile);
      const [file, ...prefix] = binary!;
      const config = (path: string) =>
        run(file!, [...prefix, '--project-directory', repoRoot, '-f', path, 'config', '--quiet'], { cwd: repoRoot });
      await expect(config(composeFile)).resolves.toBeDefined();

      const broken = readCompose();
      setPath(broken, 'services.worker.depends_on.cache', { condition: 'service_healthy' });
      const folder = mkdtempSync(`${tmpdir()}/compose-`);
      try {
        // YAML 1.1 quoting, as compose reads it: a bare `no` would become false.
        writeFileSync(`${folder}/docker-compose.yml`, stringify(broken, { version: '1.1' }));
        await expect(config(`${folder}/docker-compose.yml`)).rejects.toMatchObject({
          stderr: expect.stringContaining('cache'),
        });
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
  );
});

describe('docker-compose.yml against packages/config', () => {
  it.each(Object.keys(schemaByService))('gives %s only variables packages/config knows', (name) => {
    const keys = Object.keys(environment(name));
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((key) => !knownVariables.includes(key))).toEqual([]);
    const ownSchema = schemaByService[name as keyof typeof schemaByService];
    expect(keys.filter((key) => !(key in ownSchema.shape))).toEqual([]);
  });

  it.each(Object.entries(schemaByService))('gives %s an environment its own schema accepts', (name, schema) => {
    expect(() => loadConfig(schema, environment(name))).not.toThrow();
  });

  it('gives the api what it needs to reach PostgreSQL and Redis and to be reached itself', () => {
    const api = environment('api');
    for (const key of ['DATABASE_URL', 'REDIS_URL', 'REDIS_PREFIX', 'HOST', 'PORT']) expect(api).toHaveProperty(key);
    expect(new URL(api.DATABASE_URL!).hostname).toBe('postgres');
    expect(new URL(api.REDIS_URL!).hostname).toBe('redis');
    // Listening on 127.0.0.1 inside a container is unreachable from outside it.
    expect(api.HOST).toBe('0.0.0.0');
    expect(service('api').ports).toContain(`${api.PORT}:${api.PORT}`);
  });

  it('points api, worker and migrate at the same database, whose credentials postgres creates', () => {
    const postgres = environment('postgres');
    const url = new URL(environment('api').DATABASE_URL!);
    expect(environment('worker').DATABASE_URL).toBe(url.toString());
    expect(environment('migrate').DATABASE_URL).toBe(url.toString());
    expect([url.username, url.password, url.pathname.slice(1)]).toEqual([
      postgres.POSTGRES_USER,
      postgres.POSTGRES_PASSWORD,
      postgres.POSTGRES_DB,
    ]);
  });

  it('gives api and worker the same Redis and queue prefix, so enqueued jobs reach a worker', () => {
    const api = environment('api');
    const worker = environment('worker');
    expect(worker.REDIS_URL).toBe(api.REDIS_URL);
    expect(worker.REDIS_PREFIX).toBe(api.REDIS_PREFIX);
  });
});

describe('docker-compose.yml services', () => {
  it('runs Redis with AOF persistence and noeviction, as BullMQ requires', () => {
    const settings = effectiveRedisSettings(service('redis'));
    expect(settings.get('appendonly')).toBe('yes');
    expect(settings.get('maxmemory-policy')).toBe('noeviction');
    // infra/redis/redis.conf is the production basis; it must say the same on its own.
    const file = readRedisConf(`${repoRoot}infra/redis/redis.conf`);
    expect([file.get('appendonly'), file.get('maxmemory-policy')]).toEqual(['yes', 'noeviction']);
  });

  it('pins PostgreSQL 15 and Redis 7', () => {
    expect(service('postgres').image).toMatch(/^postgres:15(\b|$)/);
    expect(service('redis').image).toMatch(/^redis:7(\b|$)/);
  });

  it('starts api and worker only after migrate completed successfully and PostgreSQL and Redis are healthy', () => {
    for (const name of ['api', 'worker']) {
      expect(service(name).depends_on).toEqual({
        migrate: { condition: 'service_completed_successfully' },
        postgres: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
      });
    }
    expect(service('migrate').depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    expect(service('migrate').restart).toBe('no');
  });

  it('gives a healthcheck to every service another waits on as healthy, and to the api', () => {
    const awaitedHealthy = Object.values(compose.services).flatMap((each) =>
      Object.entries(Array.isArray(each.depends_on) ? {} : (each.depends_on ?? {}))
        .filter(([, dependency]) => dependency.condition === 'service_healthy')
        .map(([name]) => name),
    );
    for (const name of new Set([...awaitedHealthy, 'api'])) {
      expect(service(name).healthcheck?.test, name).toBeDefined();
    }
    expect(String(service('api').healthcheck?.test)).toContain('/readyz');
  });

  it('runs the package.json scripts for migrate, api and worker', () => {
    const scripts = (JSON.parse(readFileSync(`${repoRoot}package.json`, 'utf8')) as { scripts: Record<string, string> })
      .scripts;
    expect([command('migrate'), command('api'), command('worker')]).toEqual([
      'pnpm db:migrate',
      'pnpm start:api',
      'pnpm start:worker',
    ]);
    for (const script of ['db:migrate', 'start:api', 'start:worker']) expect(scripts).toHaveProperty(script);
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(`${repoRoot}Dockerfile`, 'utf8');

  it('copies every workspace package manifest before the frozen install', () => {
    const workspace = parse(readFileSync(`${repoRoot}pnpm-workspace.yaml`, 'utf8')) as { packages: string[] };
    const manifests = workspace.packages.flatMap((pattern) => {
      const parent = pattern.replace(/\/\*$/, '');
      return readdirSync(`${repoRoot}${parent}`)
        .map((folder) => `${parent}/${folder}/package.json`)
        .filter((manifest) => existsSync(`${repoRoot}${manifest}`));
    });
    expect(manifests.length).toBeGreaterThan(0);
    const beforeInstall = dockerfile.slice(0, dockerfile.indexOf('pnpm install --frozen-lockfile'));
    for (const manifest of ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml', ...manifests]) {
      expect(beforeInstall, manifest).toMatch(new RegExp(`^COPY (.* )?${manifest.replaceAll('.', '\\.')} `, 'm'));
    }
  });

  it('installs the pnpm version package.json pins, on Node 20', () => {
    const { packageManager } = JSON.parse(readFileSync(`${repoRoot}package.json`, 'utf8')) as {
      packageManager: string;
    };
    expect(dockerfile).toMatch(/^FROM node:20-slim$/m);
    expect(dockerfile).toContain(`corepack prepare ${packageManager} --activate`);
  });
});
