import type { ApiProcess } from '../support/api-process';

/** Stops the API the browser tests used, and waits for it: a graceful stop takes a second or so. */
export default async function globalTeardown(): Promise<void> {
  const api = (globalThis as { __BROWSER_API__?: ApiProcess }).__BROWSER_API__;
  if (!api) return;
  api.child.kill('SIGTERM');
  await api.exited;
}
