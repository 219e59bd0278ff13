import type { Neo4jGateway } from './neo4j-gateway';

export interface WaitOptions {
  readonly timeoutMs: number;
  readonly intervalMs?: number;
  readonly log?: (line: string) => void;
}

/**
 * Waits for the database to answer, retrying until `timeoutMs` has passed.
 * @throws the last failure (a StoreUnavailableError whose `cause` holds the driver's reason).
 */
export async function waitForNeo4j(gateway: Neo4jGateway, { timeoutMs, intervalMs = 1_000, log }: WaitOptions): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    try {
      await gateway.verify();
      return;
    } catch (error) {
      if (Date.now() + intervalMs > deadline) throw error;
      if (attempt === 1 || attempt % 10 === 0) log?.(`waiting for Neo4j (attempt ${attempt}): ${describe(error)}`);
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }
}

/** The error's message and, when there is one, the underlying reason. */
export function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
