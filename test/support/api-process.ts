import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config';
import { freePort } from './free-port';

const MAIN = join(PROJECT_ROOT, 'dist', 'src', 'main.js');

export interface ApiProcess {
  readonly child: ChildProcess;
  readonly base: string;
  output(): string;
  readonly exited: Promise<number | null>;
}

/** Starts the built API (`npm test` builds first) on a free port with extra environment. */
export async function startApi(env: Record<string, string>): Promise<ApiProcess> {
  const port = env.PORT ?? String(await freePort());
  let output = '';
  const child = spawn(process.execPath, [MAIN], { env: { ...process.env, HOST: '127.0.0.1', PORT: port, ...env }, stdio: 'pipe' });
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, base: `http://127.0.0.1:${port}`, output: () => output, exited };
}

/** Resolves once /ready answers 200 (with its body: backend, database, counts); fails with the server's output otherwise. */
export async function healthy(api: ApiProcess, timeoutMs = 60_000): Promise<Record<string, unknown>> {
  return until(
    'the API to be healthy',
    async () => {
      const r = await fetch(`${api.base}/ready`);
      return r.status === 200 ? ((await r.json()) as Record<string, unknown>) : undefined;
    },
    timeoutMs,
    api,
  );
}

export async function graphql(
  base: string,
  query: string,
  variables?: Record<string, unknown>,
  token?: string,
  timeoutMs = 30_000,
): Promise<any> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  return response.json();
}

export async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, api?: ApiProcess): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${api ? `; API output:\n${api.output()}` : ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
