// A `bot` role process for the poller-share tests, run from the sources:
//   node --import tsx test/channels/support/poller-member.ts
// with the service's own environment (DATABASE_URL, VESTNIK_SECRET, TELEGRAM_BOT_TOKEN,
// TELEGRAM_API_ROOT, MAX_BOT_TOKEN, MAX_API_ROOT…). Prints "started" once its first round of
// leases is taken; SIGTERM stops it as `vestnik start` would, SIGKILL as a crash.
import '../../support/exit-with-parent.js';
import { createAppContext } from '../../../src/app/app-context.js';
import { loadConfig } from '../../../src/config/env.js';
import { startService } from '../../../src/service/start-service.js';

const ctx = await createAppContext(loadConfig(process.env));
const service = await startService(ctx, 'bot');
process.stdout.write('started\n');
process.once('SIGTERM', () => {
  void (async () => {
    await service.stop();
    await ctx.db.close();
    process.exit(0);
  })();
});
