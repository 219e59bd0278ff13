// Bundles the example into dist/ (index.html and app.js): everything from npm, nothing
// from a CDN. Serve dist/ from any origin the API's CORS_ORIGINS lists.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
mkdirSync(join(root, 'dist'), { recursive: true });
await build({
  entryPoints: { app: join(root, 'src', 'main.ts') },
  outdir: join(root, 'dist'),
  bundle: true,
  minify: true,
  sourcemap: true,
  format: 'esm',
  target: ['chrome110', 'firefox110', 'safari16'],
  // Development by default: Apollo Client keeps its warnings (the test fails on any).
  define: { 'process.env.NODE_ENV': JSON.stringify(process.env.NODE_ENV ?? 'development') },
  logLevel: 'warning',
});
copyFileSync(join(root, 'index.html'), join(root, 'dist', 'index.html'));
console.log(`built ${join(root, 'dist')}`);
