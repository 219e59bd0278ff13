import { Kind, parse, type DocumentNode } from 'graphql';
import { createGraphiQLFetcher, type Fetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import 'graphiql/graphiql.css';
import { createRoot } from 'react-dom/client';
import { EXAMPLES } from './examples';

// Same-origin endpoint; the schema comes from introspection, so docs and autocompletion
// always match the running API. Subscriptions go over graphql-ws on the same path (bundled,
// like the rest); the Headers tab's values travel as connectionParams.
const send = createGraphiQLFetcher({
  url: `${window.location.origin}/graphql`,
  subscriptionUrl: `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/graphql`,
});

// Run right after switching tabs, GraphiQL can still pass the previous tab's operation name
// and parsed document (its state lags the editor), which sends a subscription over HTTP (and
// the server refuses the unknown name). So the document is always parsed from the query text
// that is sent, the name is kept only when that document defines it, and a document with one
// operation runs that one.
const fetcher: Fetcher = (params, options) => {
  let document: DocumentNode | undefined;
  try {
    document = parse(params.query);
  } catch {
    // Not parseable: the server says what is wrong.
  }
  const names = (document?.definitions ?? []).flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION && d.name ? [d.name.value] : []));
  const named = params.operationName != null && names.includes(params.operationName);
  const operationName = named || names.length !== 1 ? params.operationName : names[0];
  return send({ ...params, operationName }, { ...options, documentAST: document });
};

createRoot(document.getElementById('playground')!).render(
  <GraphiQL
    fetcher={fetcher}
    defaultEditorToolsVisibility
    defaultTabs={EXAMPLES.map(({ query, variables, headers }) => ({ query, variables, headers }))}
    isHeadersEditorEnabled
    shouldPersistHeaders={false}
  />,
);
