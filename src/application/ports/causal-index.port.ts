import type { CausalGraph } from '../../domain/propagation/causal-graph';

/** The compact index analyses run on, and the version that says when it changed. */
export interface CausalIndexSource {
  /**
   * The index as of every write accepted so far (PROPOSED edges included, flagged). A
   * version handed out stays valid while the caller holds it; callers must not keep it
   * across requests.
   */
  causalGraph(): Promise<CausalGraph>;
  /**
   * Moves with every accepted write, of any record: two reads under the same version see
   * the same graph. Whole answers are cached under it (graphql/response-cache.ts).
   */
  graphVersion(): Promise<string>;
}
