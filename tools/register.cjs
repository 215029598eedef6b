// `node -r ./tools/register.cjs file.ts` runs TypeScript directly (tests use it to run child
// processes they can kill); aliases and decorators as in the build.
const { transformSync } = require('@swc/core');
const { swcOptions } = require('./swc-options.cjs');

const options = swcOptions();
require.extensions['.ts'] = function compile(module, filename) {
  const source = require('node:fs').readFileSync(filename, 'utf8');
  const { code } = transformSync(source, { ...options, filename });
  module._compile(code, filename);
};
