export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as { __NEO4J_SERVER__?: { stop(): Promise<void> } }).__NEO4J_SERVER__;
  await server?.stop();
}
