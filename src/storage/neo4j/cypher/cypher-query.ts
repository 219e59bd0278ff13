/** A Cypher statement and its parameters. Values travel only as parameters, never in the text. */
export interface CypherQuery {
  readonly cypher: string;
  readonly params: Record<string, unknown>;
}

export function cypher(text: string, params: Record<string, unknown> = {}): CypherQuery {
  return { cypher: text.trim().replace(/\n\s+/g, '\n'), params };
}
