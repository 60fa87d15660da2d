#!/usr/bin/env node
// Runs the compiled code in dist/ (`npm run build`, done by `npm install` and before tests).
// Stack traces point into src/ through the source maps.
process.setSourceMapsEnabled(true);
await import('../dist/cli/main.js');
