// A typed front-end of the macro graph API from another origin: Apollo Client with the
// API's shipped cache policies, documents typed by GraphQL Code Generator from the committed
// schema, and a graphql-ws subscription that re-runs the query when the graph changes.
//
// The API's address comes from ?api=http://host:port (default http://localhost:4000); that
// API must list this page's origin in CORS_ORIGINS.

import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { Kind, OperationTypeNode } from 'graphql';
import { createClient } from 'graphql-ws';
import { possibleTypes, typePolicies } from './cache';
import { drawPath } from './draw';
import { CONTAGION_PATH, GRAPH_CHANGED } from './operations';

const params = new URLSearchParams(window.location.search);
const api = new URL(params.get('api') ?? 'http://localhost:4000');
const shock = params.get('shock') ?? 'boj-policy-rate';

const http = new HttpLink({ uri: new URL('/graphql', api).href });
const ws = new GraphQLWsLink(createClient({ url: new URL('/graphql', api).href.replace(/^http/, 'ws') }));
// Subscriptions over WebSocket, everything else over HTTP.
const link = ApolloLink.split(
  ({ query }) => {
    const definition = getMainDefinition(query);
    return definition.kind === Kind.OPERATION_DEFINITION && definition.operation === OperationTypeNode.SUBSCRIPTION;
  },
  ws,
  http,
);
const client = new ApolloClient({ link, cache: new InMemoryCache({ typePolicies, possibleTypes }) });

const status = document.getElementById('status')!;
const pathBox = document.getElementById('path')!;
const changes = document.getElementById('changes')!;

const query = client.watchQuery({ query: CONTAGION_PATH, variables: { shock, direction: 'UP', maxHops: 3 } });
query.subscribe((result) => {
  if (result.error) {
    status.textContent = `Error: ${result.error.message}`;
    return;
  }
  if (result.dataState !== 'complete') return;
  const path = result.data.propagate.paths[0];
  if (!path) return;
  status.textContent = `${path.entities[0].name} → ${path.entities.at(-1)!.name}: strength ${path.strength.toFixed(2)}, ${path.edges.length} hop${path.edges.length === 1 ? '' : 's'}`;
  pathBox.replaceChildren(drawPath(path));
  document.body.dataset.paths = String(Number(document.body.dataset.paths ?? 0) + 1);
});

client.subscribe({ query: GRAPH_CHANGED }).subscribe(({ data }) => {
  if (!data) return;
  const { version, kind, edgeId } = data.graphChanged;
  const item = document.createElement('li');
  item.textContent = `v${version}: ${kind}${edgeId ? ` ${edgeId}` : ''}`;
  changes.append(item);
  document.body.dataset.changes = String(changes.children.length);
  void query.refetch();
});

// For tests: the cache's normalised entities once the first answer is in.
(window as unknown as { apolloCache: InMemoryCache }).apolloCache = client.cache as InMemoryCache;
