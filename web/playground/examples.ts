/** Operations ready to run in the playground, one tab each. */
export const EXAMPLES: Array<{ title: string; query: string; variables?: string; headers?: string }> = [
  {
    title: 'BOJ hike, 3 hops',
    query: `# What does a BOJ hike reach in three hops? Strongest paths first, each explained.
query BojHike {
  propagate(shocks: [{ entityId: "boj-policy-rate", direction: UP }], maxHops: 3, topPaths: 10) {
    impacts { entity { id name } direction strength hops pathCount mixed earliestArrivalDays }
    paths {
      strength direction lagDays
      explanation { text steps { mechanism quote } }
    }
  }
}`,
  },
  {
    title: 'Issuance surge → Bitcoin',
    query: `# From a Treasury issuance surge to Bitcoin: the channels that carry it (only paths that end at
# Bitcoin are walked), their net effect and agreement, and the claims the answer hinges on.
query IssuanceToBitcoin {
  channels(from: { entityId: "treasury-issuance", direction: UP }, to: "bitcoin", maxHops: 6, minStrength: 0.01, topPaths: 10) {
    pathCount netEffect agreement
    paths { strength direction lagDays entities { id } explanation { text } }
    contributions(first: 5) { edge { id mechanism } contribution pathCount }
  }
}`,
  },
  {
    title: 'Loops through MOVE',
    query: `# Feedback loops through the MOVE index: the basis-trade margin spiral is REINFORCING.
query MoveLoops {
  feedbackLoops(through: "move-index", maxLength: 5, first: 10) {
    kind strength length
    entities { id name }
    edges { id polarity weight mechanism }
  }
}`,
  },
  {
    title: 'Counterfactual: no FIMA repo',
    query: `# A BOJ hike as if the FIMA repo facility did not exist, compared with the real graph.
query WithoutFima {
  propagate(
    shocks: [{ entityId: "boj-policy-rate" }]
    maxHops: 5
    minStrength: 0.01
    disable: { entities: ["fima-repo-facility"] }
    compare: true
  ) {
    comparison {
      changes { kind entity { id } before { direction strength } after { direction strength } }
      cutPaths { entities { id } }
    }
  }
}`,
  },
  {
    title: 'Add an edge (token)',
    query: `# Writes need a token: set the header in the Headers tab below, e.g.
#   { "Authorization": "Bearer <a token from API_TOKENS with the researcher role>" }
# Without one the answer is UNAUTHENTICATED and nothing is written.
mutation AddEdge($input: CausalEdgeInput!) {
  addEdge(input: $input, idempotencyKey: "playground-example-1") {
    id revision createdBy status
    history { revision by action }
  }
}`,
    variables: JSON.stringify(
      {
        input: {
          from: 'usd-liquidity',
          to: 'gold',
          polarity: 'POSITIVE',
          weight: 0.3,
          confidence: 0.4,
          lagDays: 5,
          mechanism: 'More dollars in the system lift gold as a hedge against debasement.',
          evidence: [{ sourceId: 'hayes-2025-ski-cut', quote: '而當法定貨幣數量增加時,我們唯一想持有的資產就是比特幣。' }],
        },
      },
      null,
      2,
    ),
    headers: JSON.stringify({ Authorization: 'Bearer replace-with-your-token' }, null, 2),
  },
  {
    title: 'Live: every change',
    query: `# Subscriptions run over WebSocket (graphql-ws) on the same /graphql. Press run, then
# write something (the tab before this one, with a token): each accepted write appears
# here, in commit order. A token in the Headers tab is sent as connectionParams.
subscription GraphChanged {
  graphChanged { version kind edgeId entityId sourceId }
}`,
  },
  {
    title: 'Review queue',
    query: `# Proposals awaiting review (PROPOSED edges), oldest first: readable by anyone. A
# researcher's new edge lands here; it counts in no analysis until a reviewer accepts it.
query ReviewQueue {
  reviewQueue(first: 20) {
    totalCount
    nodes {
      id revision polarity weight mechanism createdBy createdAt
      from { id name } to { id name }
      evidence { quote source { id title hasText } }
    }
    pageInfo { hasNextPage endCursor }
  }
}`,
  },
  {
    title: "A proposal's evidence",
    query: `# One edge (put a proposal's id from the queue in the Variables tab) with its evidence and
# each source's text: check the quote against the text it cites before deciding. A quote
# citing a source with text was already checked verbatim when it was written.
query ProposalEvidence($id: ID!) {
  edge(id: $id) {
    id status revision polarity weight mechanism createdBy
    from { name } to { name }
    evidence {
      quote figure
      source { id title language hasText textSha256 text }
    }
  }
}`,
    variables: JSON.stringify({ id: 'tariffs-prompt-liquidity-injections' }, null, 2),
  },
  {
    title: 'Accept or reject (token)',
    query: `# Deciding needs the reviewer (or admin) role: set the header in the Headers tab below, e.g.
#   { "Authorization": "Bearer <a token from API_TOKENS with the reviewer role>" }
# A reviewer cannot decide their own proposal. expectedRevision is the revision you read
# (the queue shows it): if the proposal changed since, the answer is CONFLICT and nothing
# is written. The reason goes into the edge's history. Pick the operation to run with ▶.
mutation AcceptEdge($id: ID!, $expectedRevision: Int!, $reason: String!) {
  acceptEdge(id: $id, expectedRevision: $expectedRevision, reason: $reason) {
    id status revision
    history { revision by action reason }
  }
}

mutation RejectEdge($id: ID!, $expectedRevision: Int!, $reason: String!) {
  rejectEdge(id: $id, expectedRevision: $expectedRevision, reason: $reason) {
    id status revision
    history { revision by action reason }
  }
}`,
    variables: JSON.stringify(
      { id: 'replace-with-a-proposal-id', expectedRevision: 1, reason: 'The quote is in the source and says this.' },
      null,
      2,
    ),
    headers: JSON.stringify({ Authorization: 'Bearer replace-with-a-reviewer-token' }, null, 2),
  },
];
