// Bundles the browser pages at build time into dist/web/, so the API serves them itself:
// no CDN, no network at run time (locked-down networks and these machines have none).
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const out = join(root, '..', 'dist', 'web');

// WEB_PAGES=playground builds a subset while working on one page.
const pages = process.env.WEB_PAGES ? process.env.WEB_PAGES.split(',') : ['playground', 'explorer'];
for (const page of pages) {
  mkdirSync(join(out, page), { recursive: true });
  await build({
    entryPoints: { app: join(root, page, `main.${page === 'playground' ? 'tsx' : 'ts'}`) },
    outdir: join(out, page),
    bundle: true,
    minify: true,
    sourcemap: true,
    format: 'iife',
    target: ['chrome110', 'firefox110', 'safari16'],
    loader: { '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.svg': 'file' },
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  copyFileSync(join(root, page, 'index.html'), join(out, page, 'index.html'));
}
console.log(`web pages built into ${out}`);
