// Builds the unit and integration Jest configurations of one Nx project.
const path = require('node:path');
const preset = require('../jest.preset.cjs');

function unitConfig(projectDir) {
  return {
    ...preset,
    displayName: path.basename(projectDir),
    rootDir: projectDir,
    testMatch: ['<rootDir>/src/**/*.spec.ts'],
    testPathIgnorePatterns: ['\\.integration\\.spec\\.ts$'],
  };
}

function integrationConfig(projectDir) {
  return {
    ...preset,
    displayName: `${path.basename(projectDir)}:integration`,
    rootDir: projectDir,
    testMatch: ['<rootDir>/src/**/*.integration.spec.ts'],
    globalSetup: path.join(__dirname, 'jest-global-setup.ts'),
    setupFiles: [path.join(__dirname, 'jest-kafkajs-patch.ts')],
    testTimeout: 120_000,
    maxWorkers: 1,
  };
}

module.exports = { unitConfig, integrationConfig };
