const { unitConfig } = require('./jest-project.cjs');

// tools/ has no src/ folder: its specs sit beside the commands.
module.exports = {
  ...unitConfig(__dirname),
  testMatch: ['<rootDir>/**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '\\.integration\\.spec\\.ts$'],
};
