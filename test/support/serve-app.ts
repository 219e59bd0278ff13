import type { Server } from 'node:http';
import type { GraphBackend } from '../../src/application/ports/graph-backend';
import { createServices } from '../../src/composition-root';
import { createApp, type AppOptions } from '../../src/http/create-app';

export interface Running {
  readonly base: string;
  close(): Promise<void>;
}

/** The app in process on a free port of 127.0.0.1, over real HTTP, with `store` attached. */
export async function serveApp(store: GraphBackend, options: Partial<AppOptions> = {}): Promise<Running> {
  const parts = await createApp({ reportError: () => {}, ...options });
  parts.attach(createServices(store));
  const server: Server = parts.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return {
    base: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await parts.apollo.stop();
    },
  };
}
