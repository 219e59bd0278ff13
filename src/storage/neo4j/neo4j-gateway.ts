import neo4j, { type Driver, type ManagedTransaction, Neo4jError } from 'neo4j-driver';
import { StoreFailureError, StoreUnavailableError } from '../store-errors';
import type { CypherQuery } from './cypher/cypher-query';

export interface Neo4jConnection {
  readonly uri: string;
  readonly user: string;
  readonly password: string;
  readonly database: string;
  /** Neo4j stops any transaction running longer (the server enforces it); default 10 s. */
  readonly transactionTimeoutMs?: number;
}

export type Row = Record<string, unknown>;

/**
 * Thrown inside `write` work to end the transaction without committing anything and
 * answer `value` instead: how a write reports an expected refusal (a stale revision, a
 * duplicate) after reading inside its own transaction.
 */
export class RollBack<T> extends Error {
  override readonly name = 'RollBack';
  constructor(readonly value: T) {
    super('rolled back on purpose');
  }
}
export type Work<T> = (run: (query: CypherQuery) => Promise<Row[]>) => Promise<T>;

/**
 * How long one attempt may wait for a connection, and how long the driver keeps retrying
 * transient failures: together under the default request timeout (10 s), so an outage
 * answers SERVICE_UNAVAILABLE before the request times out.
 */
const TIMEOUTS = { connectionTimeout: 3_000, connectionAcquisitionTimeout: 4_000, maxTransactionRetryTime: 3_000 };

/**
 * The one way to the database. Every statement runs in a managed transaction
 * (`executeRead`/`executeWrite`, which retry transient failures), every session is closed,
 * and driver errors become StoreUnavailableError or StoreFailureError here and nowhere else.
 */
export class Neo4jGateway {
  private readonly driver: Driver;
  /** The transaction timeout unless a call gives its own. */
  private readonly timeoutMs: number;

  constructor(private readonly connection: Neo4jConnection) {
    this.timeoutMs = connection.transactionTimeoutMs ?? 10_000;
    this.driver = neo4j.driver(connection.uri, neo4j.auth.basic(connection.user, connection.password), {
      ...TIMEOUTS,
      disableLosslessIntegers: true,
      logging: { level: 'error', logger: () => {} },
    });
  }

  /**
   * Runs `work` in one read transaction; its statements see one consistent database.
   * `timeoutMs` overrides the transaction timeout for bulk work that is not a request's
   * (loading the whole projection).
   */
  read<T>(work: Work<T>, timeoutMs?: number): Promise<T> {
    return this.session((s) => s.executeRead((tx) => work(runner(tx)), this.txConfig(timeoutMs)));
  }

  /** Runs `work` in one write transaction: all of it commits, or none (see RollBack). */
  async write<T, R = never>(work: Work<T>, timeoutMs?: number): Promise<T | R> {
    try {
      return await this.session((s) => s.executeWrite((tx) => work(runner(tx)), this.txConfig(timeoutMs)));
    } catch (error) {
      if (error instanceof RollBack) return error.value as R;
      throw error;
    }
  }

  /** Shorthand for a read of one statement. */
  query(query: CypherQuery): Promise<Row[]> {
    return this.read((run) => run(query));
  }

  /** Resolves when the server answers; rejects with StoreUnavailableError otherwise. */
  async verify(): Promise<void> {
    try {
      await this.driver.getServerInfo({ database: this.connection.database });
    } catch (error) {
      throw translate(error);
    }
  }

  close(): Promise<void> {
    return this.driver.close();
  }

  private txConfig(timeoutMs?: number): { timeout: number } {
    return { timeout: timeoutMs ?? this.timeoutMs };
  }

  private async session<T>(work: (session: ReturnType<Driver['session']>) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.connection.database });
    try {
      return await work(session);
    } catch (error) {
      throw error instanceof RollBack ? error : translate(error);
    } finally {
      await session.close().catch(() => {});
    }
  }
}

function runner(tx: ManagedTransaction) {
  return async (query: CypherQuery): Promise<Row[]> => {
    const result = await tx.run(query.cypher, query.params);
    return result.records.map((r) => r.toObject());
  };
}

const UNAVAILABLE = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'Neo.ClientError.Security.Unauthorized',
  'Neo.ClientError.Database.DatabaseNotFound',
]);

/** Driver errors in API terms. The driver's message and code stay in `cause`, for the log only. */
export function translate(error: unknown): Error {
  if (error instanceof StoreUnavailableError || error instanceof StoreFailureError) return error;
  if (error instanceof Neo4jError) {
    if (UNAVAILABLE.has(error.code) || error.retriable || error.code.startsWith('Neo.TransientError')) {
      return new StoreUnavailableError(unavailableReason(error.code), { cause: error });
    }
    return new StoreFailureError(`the graph database refused a statement (${error.code})`, { cause: error });
  }
  return new StoreFailureError('the graph database failed', { cause: error });
}

function unavailableReason(code: string): string {
  if (code === 'Neo.ClientError.Security.Unauthorized')
    return 'the graph database refused the credentials (check NEO4J_USER and NEO4J_PASSWORD)';
  if (code === 'Neo.ClientError.Database.DatabaseNotFound') return 'the graph database has no such database (check NEO4J_DATABASE)';
  return 'the graph database is unavailable';
}
