/**
 * The unit tier's promise, enforced: a test there may not start a process or listen on a
 * port. A test that needs either is an integration test (`*.int.test.ts`). Node's core
 * modules are shared with Jest itself, so the guard is put back after each file.
 */
import childProcess from 'node:child_process';
import net from 'node:net';

const refuse = (what: string) => () => {
  throw new Error(`unit tests may not ${what}; name the file *.int.test.ts to run it in the integration tier`);
};
const PROCESS_STARTERS = ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const;
const originals = new Map<string, unknown>();

beforeAll(() => {
  for (const name of PROCESS_STARTERS) {
    originals.set(name, childProcess[name]);
    Object.defineProperty(childProcess, name, { value: refuse('start a process'), configurable: true, writable: true });
  }
  originals.set('listen', Object.getOwnPropertyDescriptor(net.Server.prototype, 'listen')!.value);
  net.Server.prototype.listen = refuse('listen on a port') as never;
});

afterAll(() => {
  for (const name of PROCESS_STARTERS) {
    Object.defineProperty(childProcess, name, { value: originals.get(name), configurable: true, writable: true });
  }
  net.Server.prototype.listen = originals.get('listen') as typeof net.Server.prototype.listen;
});
