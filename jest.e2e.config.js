// Browser tests (Debian's chromium through playwright-core): same setup as jest.config.js,
// but only test/e2e, one file at a time so the browser and the server share the machine calmly.
import base from './jest.config.js';

export default {
  ...base,
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 120000,
  maxWorkers: 1,
};
