const { integrationConfig } = require('./jest-project.cjs');

// tools/ has no src/ folder: its specs sit beside the commands.
module.exports = {
  ...integrationConfig(__dirname),
  testMatch: ['<rootDir>/**/*.integration.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
};
