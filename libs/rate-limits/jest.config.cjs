const { unitConfig } = require('../../tools/jest-project.cjs');

module.exports = unitConfig(__dirname);
