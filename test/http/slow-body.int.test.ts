import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { healthy, startApi, type ApiProcess } from '../support/api-process';

jest.setTimeout(60_000);

describe('slow request bodies (REQUEST_BODY_TIMEOUT_MS)', () => {
  let api: ApiProcess;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'slow-body-'));
    api = await startApi({ DATA_DIR: dataDir, REQUEST_BODY_TIMEOUT_MS: '1500', LOG_LEVEL: 'warn' });
    await healthy(api);
  });
  afterAll(async () => {
    api.child.kill('SIGTERM');
    await api.exited;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 408 and closes a connection whose body has not arrived within the bound, in seconds', async () => {
    const { port } = new URL(api.base);
    const socket = connect(Number(port), '127.0.0.1');
    const started = performance.now();
    let received = '';
    socket.on('data', (d: Buffer) => (received += d.toString()));
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.write('POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"query":');
    // The rest of the body never comes (a slowloris client).
    await closed;
    const seconds = (performance.now() - started) / 1000;
    expect(received).toMatch(/^HTTP\/1\.1 408/);
    expect(seconds).toBeGreaterThanOrEqual(1.4);
    expect(seconds).toBeLessThan(5);
  });
});
