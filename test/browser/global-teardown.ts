export default async function globalTeardown(): Promise<void> {
  const api = (globalThis as { __BROWSER_API__?: { child: { kill(signal: string): void } } }).__BROWSER_API__;
  api?.child.kill('SIGTERM');
}
