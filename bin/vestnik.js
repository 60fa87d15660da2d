#!/usr/bin/env node
// Runs the compiled code in dist/ (`npm run build`, done by `npm install` and before tests).
import module from 'node:module';

// Stack traces point into src/ through the source maps.
process.setSourceMapsEnabled(true);
// Node 22.1 and newer keep compiled bytecode between runs, so a command compiles little.
module.enableCompileCache?.();
await import('../dist/cli/main.js');
