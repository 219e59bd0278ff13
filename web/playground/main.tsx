import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import 'graphiql/graphiql.css';
import { createRoot } from 'react-dom/client';
import { EXAMPLES } from './examples';

// Same-origin endpoint; the schema comes from introspection, so docs and autocompletion
// always match the running API. Subscriptions go over graphql-ws on the same path (bundled,
// like the rest); the Headers tab's values travel as connectionParams.
const fetcher = createGraphiQLFetcher({
  url: `${window.location.origin}/graphql`,
  subscriptionUrl: `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/graphql`,
});

createRoot(document.getElementById('playground')!).render(
  <GraphiQL
    fetcher={fetcher}
    defaultEditorToolsVisibility
    defaultTabs={EXAMPLES.map(({ query, variables, headers }) => ({ query, variables, headers }))}
    isHeadersEditorEnabled
    shouldPersistHeaders={false}
  />,
);
