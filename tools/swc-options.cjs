// One source of truth for how TypeScript becomes JavaScript: the build, Jest and the dev runner
// all take their options (and the @rekey/* path aliases) from here and tsconfig.base.json.
const path = require('node:path');
const fs = require('node:fs');

const root = path.resolve(__dirname, '..');

function pathAliases() {
  const base = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8'));
  return base.compilerOptions.paths;
}

function swcOptions() {
  return {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2023',
      keepClassNames: true,
      baseUrl: root,
      paths: pathAliases(),
    },
    module: { type: 'commonjs', strictMode: true },
    sourceMaps: 'inline',
  };
}

module.exports = { root, swcOptions, pathAliases };
