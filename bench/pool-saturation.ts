import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { healthy, startApi, type ApiProcess } from '../test/support/api-process';
import { summarize } from './stats';

export interface SaturationRow {
  /** idle, or with the analysis pool kept busy. */
  phase: string;
  probe: string;
  requests: number;
  medianMs: number;
  p99Ms: number;
  maxMs: number;
}

export interface SaturationSection {
  rows: SaturationRow[];
  /** Heavy propagations answered while the pool was saturated, and how many were refused (RATE_LIMITED, TIMEOUT). */
  heavyAnswered: number;
  heavyRefused: number;
  clients: number;
}

const HEAVY =
  '{ propagate(shocks: [{ entityId: "boj-policy-rate" }, { entityId: "fed-policy-rate" }], maxHops: 8, minStrength: 0, topPaths: 1) { impacts { strength } } }';
const SMALL = '{ entity(id: "usd-jpy") { id name } }';
const CLIENTS = 4;
const TOKENS = Array.from({ length: CLIENTS }, (_, i) => `bench-client-${i}-token`);

/**
 * Section 8: the event loop's latency while the analysis pool is saturated. The server (as
 * a process, curated graph) is probed with /health and a small query every 50 ms, first
 * idle, then while four clients (tokens) each send the heaviest propagation over and over.
 */
export async function measurePoolSaturation(seconds: number, log: (line: string) => void): Promise<SaturationSection> {
  const api = await startApi({
    DATA_DIR: mkdtempSync(join(tmpdir(), 'bench-pool-')),
    PLAYGROUND: 'off',
    EXPLORER: 'off',
    RATE_LIMIT_PER_MINUTE: '0',
    RESPONSE_CACHE_MB: '0',
    LOG_LEVEL: 'warn',
    API_TOKENS: TOKENS.map((t, i) => `${t}:researcher:bench-${i}`).join(','),
  });
  try {
    await healthy(api);
    log('section 8: idle probes');
    const rows = await probes(api, 'idle', seconds);
    log(`section 8: probes with ${CLIENTS} clients saturating the pool`);
    let running = true;
    let heavyAnswered = 0;
    let heavyRefused = 0;
    const load = TOKENS.map(async (token) => {
      while (running) {
        const body = (await post(api, HEAVY, token)) as { errors?: unknown[] };
        if (body.errors) heavyRefused++;
        else heavyAnswered++;
      }
    });
    await new Promise((r) => setTimeout(r, 500));
    rows.push(...(await probes(api, 'pool saturated', seconds)));
    running = false;
    await Promise.all(load);
    return { rows, heavyAnswered, heavyRefused, clients: CLIENTS };
  } finally {
    api.child.kill('SIGTERM');
    await api.exited;
  }
}

async function post(api: ApiProcess, query: string, token?: string): Promise<unknown> {
  const response = await fetch(`${api.base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return response.json();
}

async function probes(api: ApiProcess, phase: string, seconds: number): Promise<SaturationRow[]> {
  const health: number[] = [];
  const small: number[] = [];
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    const t0 = performance.now();
    await fetch(`${api.base}/health`).then((r) => r.text());
    const t1 = performance.now();
    await post(api, SMALL);
    small.push(performance.now() - t1);
    health.push(t1 - t0);
    await new Promise((r) => setTimeout(r, 50));
  }
  return [
    { phase, probe: 'GET /health', requests: health.length, ...stats(health) },
    { phase, probe: 'small query', requests: small.length, ...stats(small) },
  ];
}

function stats(samples: number[]): { medianMs: number; p99Ms: number; maxMs: number } {
  const s = summarize(samples);
  return { medianMs: s.median, p99Ms: s.p99, maxMs: Math.max(...samples) };
}

export function saturationMarkdown(section: SaturationSection): string[] {
  const f = (x: number) => x.toFixed(1);
  return [
    `## 8. The event loop while the analysis pool is saturated (${section.clients} clients sending 8-hop propagations, curated graph)`,
    '',
    '| phase | probe | requests | median ms | p99 ms | max ms |',
    '|---|---|---|---|---|---|',
    ...section.rows.map((r) => `| ${r.phase} | ${r.probe} | ${r.requests} | ${f(r.medianMs)} | ${f(r.p99Ms)} | ${f(r.maxMs)} |`),
    '',
    `Heavy propagations while saturated: ${section.heavyAnswered} answered, ${section.heavyRefused} refused (RATE_LIMITED or TIMEOUT).`,
    '',
  ];
}
