const { integrationConfig } = require('../../tools/jest-project.cjs');

module.exports = integrationConfig(__dirname);
