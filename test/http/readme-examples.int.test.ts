import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../../src/config';
import { healthy, startApi, type ApiProcess } from '../support/api-process';

const run = promisify(execFile);

interface Example {
  readonly line: number;
  readonly command: string;
  /** The `# {...}` line right after the command, when the README shows the answer. */
  readonly expected?: unknown;
}

/**
 * Every `curl` command in the README's ```sh blocks: from the line that starts with curl
 * until its single quotes close (a quoted body may span lines), with the answer the README
 * shows on a following `# {…}` line.
 */
export function curlExamples(markdown: string): Example[] {
  const lines = markdown.split('\n');
  const examples: Example[] = [];
  let inShell = false;
  for (let i = 0; i < lines.length; i++) {
    if (/^```/.test(lines[i])) {
      inShell = !inShell && /^```(sh|bash|shell)\s*$/.test(lines[i]);
      continue;
    }
    if (!inShell || !/^\s*curl\s/.test(lines[i])) continue;
    const start = i;
    let command = lines[i];
    while ((command.match(/'/g) ?? []).length % 2 === 1 && i + 1 < lines.length) command += `\n${lines[++i]}`;
    const next = lines[i + 1]?.match(/^#\s*(\{.*\})\s*$/);
    examples.push({ line: start + 1, command, expected: next ? JSON.parse(next[1]) : undefined });
  }
  return examples;
}

const README = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
const EXAMPLES = curlExamples(README);
/** The tokens the README starts the API with for its researchers' examples. */
const TOKENS = /API_TOKENS='([^']+)' npm start/.exec(README)?.[1];

describe('the README’s curl examples, run as written against the built API', () => {
  let api: ApiProcess;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'readme-examples-'));
    api = await startApi({ DATA_DIR: dataDir, API_TOKENS: TOKENS ?? '', LOG_LEVEL: 'warn' });
    await healthy(api);
  }, 90_000);
  afterAll(async () => {
    api.child.kill('SIGTERM');
    await api.exited;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finds the examples and the tokens they use', () => {
    expect(TOKENS).toBeDefined();
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(2);
  });

  it.each(EXAMPLES.map((e) => [e.line, e] as const))('README line %i answers data without errors', async (_line, example) => {
    // The README talks to localhost:4000; the test server listens on a free port.
    const command = example.command.replace(/localhost:4000/g, api.base.replace('http://', ''));
    const { stdout } = await run('bash', ['-c', `set -o pipefail; ${command} --fail-with-body --max-time 30`], { timeout: 40_000 });
    const answer = JSON.parse(stdout) as { data?: unknown; errors?: unknown };
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toBeDefined();
    if (example.expected !== undefined) expect(answer).toEqual(example.expected);
  });
});

describe('curlExamples', () => {
  it('finds a command whose quoted body spans lines, and the answer shown after it', () => {
    const found = curlExamples(
      ['```sh', "curl -s x -d '{", '  "a": 1 }\'', '# {"data":{"ok":true}}', '```', 'curl outside a block'].join('\n'),
    );
    expect(found).toEqual([{ line: 2, command: `curl -s x -d '{\n  "a": 1 }'`, expected: { data: { ok: true } } }]);
  });
});
