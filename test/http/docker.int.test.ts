import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { PROJECT_ROOT, readConfig } from '../../src/config';
import { TokenRegistry } from '../../src/http/auth/token-registry';
import { freePort } from '../support/free-port';
import { until } from '../support/api-process';

/**
 * There is no Docker engine here, so this runs what can be run: the image's final stage
 * (docker/Dockerfile) in a fresh copy of its working directory — its COPY lines, its RUN
 * lines as root, then its CMD as a non-root user with its ENV — and the compose file
 * parsed and read by the API's own configuration reader.
 */
const DOCKERFILE = readFileSync(join(PROJECT_ROOT, 'docker', 'Dockerfile'), 'utf8');
const FINAL = DOCKERFILE.split(/^FROM /m).at(-1)!;
const instructions = FINAL.split('\n')
  .filter((line) => /^[A-Z]+ /.test(line))
  .map((line) => ({ op: line.slice(0, line.indexOf(' ')), args: line.slice(line.indexOf(' ') + 1).trim() }));
const arg = (op: string) => instructions.filter((i) => i.op === op).map((i) => i.args);

/** A user that is not root on this machine, standing in for the image's `node`. */
const UID = 65534;
const canSwitchUser = process.getuid?.() === 0 && existsSync('/usr/bin/setpriv');
const itAsNonRoot = canSwitchUser ? it : it.skip;

/** Lays out the image's WORKDIR in a fresh folder: COPY lines, then (optionally) the RUN lines as root. */
function imageCopy(runSteps: boolean): { dir: string; env: Record<string, string> } {
  const workdir = arg('WORKDIR').at(-1)!;
  const root = mkdtempSync(join(tmpdir(), 'image-'));
  chmodSync(root, 0o755);
  const dir = join(root, workdir.replace(/^\//, ''));
  const inImage = (path: string) => path.replaceAll(workdir, dir);
  mkdirSync(dir, { recursive: true });
  for (const copy of arg('COPY')) {
    const [source, target] = copy.replace(/--from=\w+\s+/, '').split(/\s+/);
    const from = join(PROJECT_ROOT, source.replace(`${workdir}/`, ''));
    const to = target.endsWith('/') || target === '.' ? join(dir, target, basename(source)) : join(dir, target);
    // node_modules is linked, not copied (300 MB); the rest is copied as the image has it.
    if (source.endsWith('node_modules')) symlinkSync(from, to);
    else cpSync(from, to, { recursive: true });
  }
  for (const path of [root, ...['', ...workdir.split('/').filter(Boolean)].map((_, i, parts) => join(root, ...parts.slice(1, i + 1)))])
    chmodSync(path, 0o755);
  const env: Record<string, string> = {};
  for (const line of arg('ENV')) for (const [, k, v] of line.matchAll(/(\w+)=(\S+)/g)) env[k] = inImage(v);
  if (runSteps) {
    for (const run of arg('RUN')) execFileSync('bash', ['-c', inImage(run).replaceAll('node:node', `${UID}:${UID}`)]);
  }
  return { dir, env };
}

/** The image's CMD as the non-root user, in `dir`, with the image's ENV. */
function startAsNonRoot(dir: string, env: Record<string, string>, port: number) {
  const cmd = JSON.parse(arg('CMD').at(-1)!) as string[];
  expect(cmd[0]).toBe('node');
  let output = '';
  const child = spawn('/usr/bin/setpriv', [`--reuid=${UID}`, `--regid=${UID}`, '--clear-groups', '--', process.execPath, ...cmd.slice(1)], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: 'pipe',
  });
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, exited, output: () => output };
}

describe('the Docker image, without Docker', () => {
  it('runs as a non-root user with NODE_ENV=production and a data directory of its own', () => {
    expect(arg('USER')).toEqual(['node']);
    const { env } = imageCopy(false);
    expect(env).toMatchObject({ NODE_ENV: 'production' });
    expect(env.DATA_DIR).toBeDefined();
  });

  itAsNonRoot(
    'starts as that user in a fresh copy of /app, writes graph.db there, and answers',
    async () => {
      const { dir, env } = imageCopy(true);
      const port = await freePort();
      const api = startAsNonRoot(dir, env, port);
      try {
        await until(
          'the image’s API to be ready',
          async () => ((await fetch(`http://127.0.0.1:${port}/ready`)).status === 200 ? true : undefined),
          60_000,
        ).catch((error: Error) => {
          throw new Error(`${error.message}\n${api.output()}`);
        });
        const db = join(env.DATA_DIR, 'graph.db');
        expect(statSync(db).uid).toBe(UID);
        const answer = await fetch(
          `http://127.0.0.1:${port}/graphql?query=${encodeURIComponent('{ entity(id: "boj-policy-rate") { id } }')}`,
        );
        expect(await answer.json()).toEqual({ data: { entity: { id: 'boj-policy-rate' } } });
        // The production playground decision: a browser at /graphql is told, not shown an error.
        const page = await fetch(`http://127.0.0.1:${port}/graphql`, { headers: { accept: 'text/html' } });
        expect(page.status).toBe(404);
        expect(await page.text()).toMatch(/playground is off/);
      } finally {
        api.child.kill('SIGTERM');
        await api.exited;
        rmSync(dir, { recursive: true, force: true });
      }
    },
    90_000,
  );

  itAsNonRoot(
    'cannot start as that user without the RUN step that gives it the data directory (what the step is for)',
    async () => {
      const { dir, env } = imageCopy(false);
      const api = startAsNonRoot(dir, env, await freePort());
      try {
        expect(await api.exited).toBe(1);
        expect(api.output()).toMatch(/could not start.*(EACCES|permission denied)/is);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    60_000,
  );
});

describe('docker/docker-compose.yml', () => {
  const compose = parse(readFileSync(join(PROJECT_ROOT, 'docker', 'docker-compose.yml'), 'utf8')) as {
    services: Record<
      string,
      { environment?: Record<string, string>; ports?: string[]; expose?: string[]; depends_on?: Record<string, unknown> }
    >;
  };
  const api = compose.services.api;

  it('passes the API what it needs: Neo4j, the port, and writers’ tokens, CORS origins and the playground from the shell', () => {
    const environment = api.environment ?? {};
    for (const name of ['PORT', 'NEO4J_URI', 'NEO4J_USER', 'NEO4J_PASSWORD', 'NEO4J_DATABASE']) expect(environment[name]).toBeDefined();
    for (const name of ['API_TOKENS', 'CORS_ORIGINS', 'PLAYGROUND', 'NEO4J_PASSWORD'])
      expect(environment[name]).toMatch(new RegExp(`^\\$\\{${name}[:}]`));
    // The replicas publish no host port (they would clash): the proxy publishes the API's port.
    expect(api.ports).toBeUndefined();
    expect(api.expose).toEqual([environment.PORT]);
    expect(compose.services.proxy.ports).toEqual([`${environment.PORT}:${environment.PORT}`]);
    expect(Object.keys(api.depends_on ?? {})).toContain('neo4j');
    expect(environment.NEO4J_URI).toBe('bolt://neo4j:7687');
  });

  it('gives an environment the API’s own configuration reader accepts, tokens included', () => {
    const shell: Record<string, string> = {
      NEO4J_PASSWORD: 'choose-a-password',
      API_TOKENS: 's3cret-token:researcher:ada',
      CORS_ORIGINS: 'http://localhost:5173',
    };
    // Compose's ${VAR}, ${VAR:-default} and ${VAR:?message}, as `docker compose config` resolves them.
    const resolve = (value: string) =>
      String(value).replace(
        /\$\{(\w+)(?::([-?])([^}]*))?\}/g,
        (_, name: string, kind?: string, rest?: string) => shell[name] ?? (kind === '-' ? (rest ?? '') : ''),
      );
    const env = Object.fromEntries(Object.entries(api.environment ?? {}).map(([k, v]) => [k, resolve(v)]));
    const config = readConfig({ ...env, NODE_ENV: 'production' });
    expect(config.neo4j).toMatchObject({ uri: 'bolt://neo4j:7687', password: 'choose-a-password' });
    expect(config.corsOrigins).toEqual(['http://localhost:5173']);
    expect(config.playground).toBe(false);
    expect(TokenRegistry.parse(config.apiTokens).identify('Bearer s3cret-token')).toMatchObject({ role: 'researcher' });
  });
});
