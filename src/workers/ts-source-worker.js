/**
 * Test runs only: a worker thread cannot load TypeScript, and ts-jest compiles only inside
 * Jest. When the pool itself runs as TypeScript, its threads start here, teach `require`
 * to compile .ts files with TypeScript's own transpiler (no type checks, the same output
 * `npm run build` makes), and load the real worker source. Built code never uses this file.
 */
'use strict';
const { readFileSync } = require('node:fs');
const { workerData } = require('node:worker_threads');
const ts = require('typescript');

require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, inlineSourceMap: true },
  });
  module._compile(outputText, filename);
};

module.exports = require(workerData.sourceEntry);
