import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  getOperationAST,
  GraphQLError,
  OperationTypeNode,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import { CloseCode, handleProtocols, makeServer, type Context as WsContext } from 'graphql-ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Actor } from '../../application/access';
import { createLiveContext, type Services } from '../../graphql/context';
import { ErrorCode } from '../../graphql/error-codes';
import type { createErrorFormatter } from '../../graphql/format-error';
import { costRefusal, limitRules, listSizesFor, type OperationLimits } from '../../graphql/limits';
import type { TokenRegistry } from '../auth/token-registry';
import type { LiveLimits } from './live-limits';

/** Close codes beyond graphql-ws's own (4400 bad message, 4401 bad token, 4408 no connection_init in time). */
export const LiveClose = {
  /** Fell behind: more than maxBufferedBytes unsent, or maxQueued changes undelivered. Reconnect and re-read. */
  SLOW_CONSUMER: 4008,
  /** Over maxConnectionsPerClient; try again once another connection closed. */
  TOO_MANY_CONNECTIONS: 1013,
  /** Over maxMessagesPerMinute. */
  TOO_MANY_MESSAGES: 1008,
  /** The server is shutting down. */
  GOING_AWAY: 1001,
} as const;

export interface LiveOptions {
  readonly schema: GraphQLSchema;
  readonly limits: LiveLimits;
  readonly operationLimits: OperationLimits;
  readonly tokens?: TokenRegistry;
  /** The services once the graph is loaded; until then upgrades are answered 503. */
  readonly services: () => Services | undefined;
  /** Each event of a subscription is resolved within this. */
  readonly requestTimeoutMs: number;
  readonly formatError: ReturnType<typeof createErrorFormatter>;
  readonly hideSchemaDetails?: boolean;
  /** Why an upgrade from another site's page is refused (crossSiteRefusal), or undefined to let it in. */
  readonly refuseCrossSite?: (request: IncomingMessage) => string | undefined;
}

export interface LiveServer {
  /** Open connections (not those being closed). */
  readonly connections: number;
  /** Subscriptions running on them: each receives every change from now on. */
  readonly subscriptions: number;
  /** Refuses new connections and closes the open ones (1001), e.g. on SIGTERM. */
  close(): void;
}

interface Extra {
  readonly socket: WebSocket;
  readonly request: IncomingMessage;
  client?: string;
  actor?: Actor;
}

const KEEPALIVE_MS = 15_000;
/** How long a dropped connection has to read its close frame before it is cut (nothing more is sent meanwhile). */
const DROP_GRACE_MS = 5_000;

/**
 * Subscriptions over graphql-ws on the HTTP server's `/graphql`. Every operation is checked
 * as an HTTP one is (tokens, depth, aliases, cost); what a connection may hold is bounded:
 * its subscriptions, its messages, and what it has not yet read (a slow reader is dropped,
 * never buffered for).
 */
export function serveLive(server: Server, options: LiveOptions): LiveServer {
  const { limits } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes, handleProtocols: (p) => handleProtocols(p) });
  const perClient = new Map<string, number>();
  /** The accepted connections' contexts, to count their running subscriptions. */
  const contexts = new Set<WsContext<Record<string, unknown> | undefined, Extra>>();
  let closing = false;
  let upgrading = 0;

  const dropSlow = (socket: WebSocket, why: string) => {
    if (socket.readyState !== socket.OPEN) return;
    socket.close(LiveClose.SLOW_CONSUMER, `Slow consumer: ${why}`);
    setTimeout(() => socket.terminate(), DROP_GRACE_MS).unref();
  };

  const graphqlWs = makeServer<Record<string, unknown> | undefined, Extra>({
    schema: options.schema,
    connectionInitWaitTimeout: 3_000,
    onConnect: (ctx) => {
      const { socket, request } = ctx.extra;
      const authorization = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
      let actor: Actor | undefined;
      if (authorization !== undefined) {
        actor = typeof authorization === 'string' ? options.tokens?.identify(authorization) : undefined;
        if (!actor) {
          socket.close(CloseCode.Unauthorized, 'Unauthorized: connectionParams.authorization is not "Bearer <valid token>"');
          return false;
        }
      }
      const client = actor ? `token:${actor.name}` : `address:${request.socket.remoteAddress ?? 'unknown'}`;
      const open = perClient.get(client) ?? 0;
      if (open >= limits.maxConnectionsPerClient) {
        socket.close(
          LiveClose.TOO_MANY_CONNECTIONS,
          `Too many live connections for this client (at most ${limits.maxConnectionsPerClient})`,
        );
        return false;
      }
      perClient.set(client, open + 1);
      ctx.extra.client = client;
      ctx.extra.actor = actor;
      contexts.add(ctx);
      return true;
    },
    onSubscribe: async (ctx, _id, payload) => {
      const services = options.services();
      if (!services) return [requestError(ErrorCode.SERVICE_UNAVAILABLE, 'Not ready: the graph is loading')];
      // graphql-ws has already reserved this one's place in ctx.subscriptions.
      if (Object.keys(ctx.subscriptions).length > limits.maxSubscriptionsPerConnection) {
        return [
          requestError(
            ErrorCode.BAD_REQUEST,
            `At most ${limits.maxSubscriptionsPerConnection} subscriptions at once on one connection: complete one first`,
          ),
        ];
      }
      let document: DocumentNode;
      try {
        document = parse(payload.query, { maxTokens: options.operationLimits.maxTokens });
      } catch (error) {
        return [requestError(ErrorCode.GRAPHQL_PARSE_FAILED, (error as GraphQLError).message)];
      }
      const invalid = validate(options.schema, document, [...specifiedRules, ...limitRules(options.operationLimits)]);
      if (invalid.length > 0) {
        return invalid.map((e) =>
          requestError(ErrorCode.GRAPHQL_VALIDATION_FAILED, options.hideSchemaDetails ? withoutHints(e.message) : e.message),
        );
      }
      const operation = getOperationAST(document, payload.operationName);
      if (operation?.operation !== OperationTypeNode.SUBSCRIPTION) {
        return [
          requestError(
            ErrorCode.BAD_REQUEST,
            'Only subscriptions are served over WebSocket: send queries and mutations as HTTP requests to /graphql',
          ),
        ];
      }
      const tooCostly = costRefusal(
        options.schema,
        document,
        payload.variables ?? {},
        payload.operationName ?? undefined,
        options.operationLimits.maxCost,
        await listSizesFor(document, services.catalog),
      );
      if (tooCostly) return [tooCostly];
      const { socket } = ctx.extra;
      return {
        schema: options.schema,
        document,
        variableValues: payload.variables,
        operationName: payload.operationName,
        contextValue: createLiveContext(services, ctx.extra.actor, options.requestTimeoutMs, {
          maxQueued: limits.maxQueued,
          dropSlow: () => dropSlow(socket, `more than ${limits.maxQueued} changes undelivered`),
        }),
      };
    },
    onNext: (_ctx, _id, _payload, _args, result) =>
      result.errors ? { ...result, errors: result.errors.map((e) => options.formatError(e.toJSON(), e)) } : undefined,
    onError: (_ctx, _id, _payload, errors) => errors.map((e) => options.formatError(e.toJSON(), e)),
    onClose: (ctx) => release(ctx),
    onDisconnect: (ctx) => release(ctx),
  });

  const release = (ctx: WsContext<Record<string, unknown> | undefined, Extra>) => {
    contexts.delete(ctx);
    const { client } = ctx.extra;
    if (!client) return;
    ctx.extra.client = undefined;
    const open = (perClient.get(client) ?? 1) - 1;
    if (open > 0) perClient.set(client, open);
    else perClient.delete(client);
  };

  wss.on('connection', (socket: WebSocket, request: IncomingMessage) => {
    socket.on('error', () => socket.terminate());
    let alive = true;
    socket.on('pong', () => (alive = true));
    const keepalive = setInterval(() => {
      if (!alive) return socket.terminate();
      alive = false;
      socket.ping();
    }, KEEPALIVE_MS);
    keepalive.unref();

    let windowStart = Date.now();
    let messages = 0;
    const closed = graphqlWs.opened(
      {
        protocol: socket.protocol,
        // Not awaited: what the client has not read piles up in the socket's buffer, which
        // is checked after every send; past the bound the client is dropped.
        send: (data) => {
          if (socket.readyState !== socket.OPEN) return;
          socket.send(data);
          if (socket.bufferedAmount > limits.maxBufferedBytes) {
            dropSlow(socket, `more than ${Math.round(limits.maxBufferedBytes / 1024)} KB unread`);
          }
        },
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on('message', (data: Buffer) => {
            const now = Date.now();
            if (now - windowStart >= 60_000) {
              windowStart = now;
              messages = 0;
            }
            if (++messages > limits.maxMessagesPerMinute) {
              socket.close(LiveClose.TOO_MANY_MESSAGES, `Too many messages (at most ${limits.maxMessagesPerMinute} a minute)`);
              return;
            }
            handle(data.toString('utf8')).catch(() => socket.close(CloseCode.InternalServerError, 'Internal server error'));
          }),
      },
      { socket, request },
    );
    socket.once('close', (code, reason) => {
      clearInterval(keepalive);
      void closed(code, reason.toString('utf8'));
    });
  });

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path !== '/graphql') return refuse(socket, 404, 'Not Found', 'WebSocket connections are served on /graphql only');
    const crossSite = options.refuseCrossSite?.(request);
    if (crossSite !== undefined) return refuse(socket, 403, 'Forbidden', crossSite);
    if (closing) return refuse(socket, 503, 'Service Unavailable', 'The server is shutting down');
    if (!options.services()) return refuse(socket, 503, 'Service Unavailable', 'Not ready: the graph is loading');
    if (wss.clients.size + upgrading >= limits.maxConnections) {
      return refuse(
        socket,
        503,
        'Service Unavailable',
        `The server holds its maximum of ${limits.maxConnections} live connections; try again later`,
      );
    }
    // Counted from here, so that handshakes in progress count towards the bound too.
    upgrading++;
    let counted = true;
    const handshakeOver = () => {
      if (counted) upgrading--;
      counted = false;
    };
    socket.once('close', handshakeOver); // a failed handshake: ws answers it and closes the socket
    wss.handleUpgrade(request, socket, head, (ws) => {
      handshakeOver();
      wss.emit('connection', ws, request);
    });
  });

  return {
    get connections() {
      let open = 0;
      for (const socket of wss.clients) if (socket.readyState === socket.OPEN) open++;
      return open;
    },
    get subscriptions() {
      // graphql-ws reserves an id with null and sets the running operation once subscribed.
      let running = 0;
      for (const ctx of contexts) for (const operation of Object.values(ctx.subscriptions)) if (operation) running++;
      return running;
    },
    close() {
      closing = true;
      for (const socket of wss.clients) socket.close(LiveClose.GOING_AWAY, 'The server is shutting down');
    },
  };
}

function requestError(code: ErrorCode, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

/** GraphQL's "Did you mean …?" hints name parts of the schema; left out in production. */
function withoutHints(message: string): string {
  return message.replace(/ Did you mean .*\?$/, '');
}

function refuse(socket: Duplex, status: number, statusText: string, message: string): void {
  const body = JSON.stringify({
    errors: [{ message, extensions: { code: status === 404 ? 'NOT_FOUND' : status === 403 ? 'FORBIDDEN' : 'SERVICE_UNAVAILABLE' } }],
  });
  socket.end(
    `HTTP/1.1 ${status} ${statusText}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `${status === 503 ? 'Retry-After: 5\r\n' : ''}Connection: close\r\n\r\n${body}`,
  );
}
