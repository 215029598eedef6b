const { swcOptions, pathAliases } = require('./tools/swc-options.cjs');
const path = require('node:path');

const moduleNameMapper = Object.fromEntries(
  Object.entries(pathAliases()).map(([alias, [target]]) => [
    `^${alias.replace('/', '\\/')}$`,
    path.join(__dirname, target),
  ]),
);

/** Shared Jest settings: SWC transform, @rekey/* aliases, Node environment. */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swcOptions(), sourceMaps: 'inline', swcrc: false }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
};
