import { runCli } from './run-cli.js';

const code = await runCli(process.argv.slice(2));
process.exitCode = code;
// A library keeping a handle open must not keep a finished command alive.
setTimeout(() => process.exit(code), 3000).unref();
