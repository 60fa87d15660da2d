#!/usr/bin/env node
// Runs the TypeScript sources directly (no build step), so a fresh checkout works
// right after `npm install`.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
