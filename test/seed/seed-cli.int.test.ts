import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config';
import { sharedPath } from '../support/shared-dir';

const cli = (name: string, ...args: string[]) =>
  spawnSync(process.execPath, [join(PROJECT_ROOT, 'dist', 'src', 'cli', `${name}.js`), ...args], { encoding: 'utf8', cwd: PROJECT_ROOT });
const articlesDir = process.env.ARTICLES_DIR ?? sharedPath('articles');
const withArticles = existsSync(articlesDir) || process.env.CI === 'true' ? it : it.skip;

describe('the seed command-line tools (built by npm test)', () => {
  withArticles('seed:check passes the seed against the articles folder given as its argument', () => {
    const run = cli('seed-check', articlesDir);
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(run.stdout).toMatch(
      /^seed ok: \d+ entities, \d+ causal edges, 5 sources, \d+ chains that hold; \d+ inventoried statements \(\d+ modelled, \d+ set aside, 0 open\); \d+ edge quotes and every inventory quote found verbatim in /,
    );
  });

  it('seed:check fails clearly when the articles folder is not there', () => {
    const run = cli('seed-check', '/nonexistent/articles');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/the articles folder \/nonexistent\/articles does not exist; pass it as the first argument/);
  });

  withArticles('seed:report covers every article, gives recall per article from the inventory and traces every chain', () => {
    const run = cli('seed-report', articlesDir);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/## Per article[^]*\| hayes-2024-nochu \| \d+ \| \d+ \| \d+ \| \d+ \/ \d+ \|/);
    expect(run.stdout).toMatch(/## Inventory: recall per article[^]*\| hayes-2024-nochu \| \d+ \| \d+ \| \d+ \| 0 \| 100\.0% \|/);
    expect(run.stdout).toMatch(/## Chains the articles spell out/);
    expect(run.stdout).not.toMatch(/INCOMPLETE/);
    expect(run.stdout).toMatch(/## Paragraphs no edge or inventory item quotes/);
  });
});
