/** The bounds of live updates (README, "Limits"); each has an environment variable in config.ts. */
export interface LiveLimits {
  /** Open WebSocket connections in total (LIVE_MAX_CONNECTIONS); one more is answered HTTP 503. */
  readonly maxConnections: number;
  /** Per client: its token's actor, or its address without one (LIVE_MAX_CONNECTIONS_PER_CLIENT). */
  readonly maxConnectionsPerClient: number;
  /** Subscriptions at once on one connection (LIVE_MAX_SUBSCRIPTIONS). */
  readonly maxSubscriptionsPerConnection: number;
  /** Messages a connection may send per minute (LIVE_MAX_MESSAGES_PER_MINUTE). */
  readonly maxMessagesPerMinute: number;
  /** The largest message a client may send, in bytes. */
  readonly maxMessageBytes: number;
  /** Bytes sent to a connection but not yet taken by it (LIVE_MAX_BUFFERED_KB); past that it is dropped as slow. */
  readonly maxBufferedBytes: number;
  /** Changes one subscription may hold undelivered; past that its connection is dropped as slow. */
  readonly maxQueued: number;
}

export const DEFAULT_LIVE_LIMITS: LiveLimits = {
  maxConnections: 1_000,
  maxConnectionsPerClient: 10,
  maxSubscriptionsPerConnection: 20,
  maxMessagesPerMinute: 120,
  maxMessageBytes: 64 * 1024,
  maxBufferedBytes: 256 * 1024,
  maxQueued: 100,
};
