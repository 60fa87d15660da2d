import { runCli } from './run-cli.js';

const code = await runCli(process.argv.slice(2));
process.exitCode = code;
// A library keeping a handle open (a keep-alive socket to a Bot API that hung, say) must not
// keep a finished command alive: everything was closed and logged by now, so a second is
// plenty for the last writes to drain, and a stopped service is gone within a few seconds.
setTimeout(() => process.exit(code), 1000).unref();
