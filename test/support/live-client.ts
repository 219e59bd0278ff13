import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { until } from './api-process';

/** A graphql-ws client (the library front-ends use) for the API at `base`, not retrying. */
export function liveClient(base: string, connectionParams?: Record<string, unknown>): Client {
  return createClient({
    url: `${base.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: true,
  });
}

export interface Collected {
  readonly results: any[];
  readonly errors: unknown[];
  /** Resolves once `n` results arrived (fails after `timeoutMs`). */
  wait(n: number, timeoutMs?: number): Promise<any[]>;
  stop(): void;
}

/** Subscribes and collects every result in arrival order. */
export function collect(client: Client, query: string, variables?: Record<string, unknown>): Collected {
  const results: any[] = [];
  const errors: unknown[] = [];
  const stop = client.subscribe({ query, variables }, { next: (r) => results.push(r), error: (e) => errors.push(e), complete: () => {} });
  return {
    results,
    errors,
    stop,
    wait: (n, timeoutMs = 15_000) => until(`${n} results of ${query}`, async () => (results.length >= n ? results : undefined), timeoutMs),
  };
}

export interface RawSocket {
  readonly ws: WebSocket;
  readonly messages: any[];
  /** The close code and reason, once closed. */
  readonly closed: Promise<{ code: number; reason: string }>;
  /** Resolves with the HTTP status when the upgrade is refused. */
  readonly refused: Promise<number>;
  send(message: unknown): void;
}

/** A bare graphql-transport-ws socket: for what a library client hides (close codes, refusals, a reader that stops reading). */
export function rawSocket(base: string, init?: Record<string, unknown> | null, headers?: Record<string, string>): RawSocket {
  const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws', { headers });
  const messages: any[] = [];
  ws.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString('utf8'))));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  const refused = new Promise<number>((resolve) => ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
  ws.on('error', () => {});
  if (init !== null) ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: init })));
  return { ws, messages, closed, refused, send: (message) => ws.send(JSON.stringify(message)) };
}
