import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import 'graphiql/graphiql.css';
import { createRoot } from 'react-dom/client';
import { EXAMPLES } from './examples';

// Same-origin endpoint; the schema comes from introspection, so docs and autocompletion
// always match the running API.
const fetcher = createGraphiQLFetcher({ url: `${window.location.origin}/graphql` });

createRoot(document.getElementById('playground')!).render(
  <GraphiQL
    fetcher={fetcher}
    defaultEditorToolsVisibility
    defaultTabs={EXAMPLES.map(({ query, variables, headers }) => ({ query, variables, headers }))}
    isHeadersEditorEnabled
    shouldPersistHeaders={false}
  />,
);
