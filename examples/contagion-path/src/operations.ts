import { graphql } from './gql';

/** The strongest path a shock takes, with what the explorer would draw of it. */
export const CONTAGION_PATH = graphql(`
  query ContagionPath($shock: ID!, $direction: Direction!, $maxHops: Int!) {
    propagate(shocks: [{ entityId: $shock, direction: $direction }], maxHops: $maxHops, topPaths: 1) {
      paths {
        strength
        direction
        entities {
          id
          name
        }
        edges {
          id
          polarity
          weight
          mechanism
        }
      }
    }
  }
`);

/** Every accepted write: the cue to fetch the path again. */
export const GRAPH_CHANGED = graphql(`
  subscription ExampleGraphChanged {
    graphChanged {
      version
      kind
      edgeId
    }
  }
`);
