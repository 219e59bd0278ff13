import type { Shock } from '../propagation/propagation.model';

/** A named shock the sources discuss, ready to propagate. */
export interface Scenario {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly sourceId: string;
  /** The sentence that motivates the scenario, verbatim from the source. */
  readonly quote: string;
  readonly shocks: readonly Shock[];
}
