// A process with the guard installed, for guard-process.test.ts: a promise rejects with
// nobody awaiting it, as a database call during an outage would; the process carries on.
import { createLogger } from '../../src/lib/logger.js';
import { guardProcess } from '../../src/service/guard-process.js';

guardProcess(createLogger('error'));
void Promise.reject(new Error('Connection terminated unexpectedly'));
await new Promise((resolve) => setTimeout(resolve, 200));
process.stdout.write('still serving\n');
