// The last line of defence of a long-running process: a rejected promise nobody awaited
// (a database call during an outage, say) is logged and the service keeps serving. Node
// would otherwise end the process, and a worker nobody restarts leaves final grades unsent.
// Each known cause is fixed where it arises; this only keeps an unknown one from being fatal.
import type { Logger } from '../lib/logger.js';

let installed: { logger: Logger; users: number; onRejection: (reason: unknown) => void } | undefined;

/**
 * Installs the guard; returns a function that removes it. The service and its worker both
 * ask for it: the process gets one guard, logging once, until the last of them lets go.
 */
export function guardProcess(logger: Logger): () => void {
  if (!installed) {
    const guard = { logger, users: 0, onRejection: (reason: unknown) => guard.logger.error({ err: reason }, 'unhandled promise rejection; the service keeps running') };
    process.on('unhandledRejection', guard.onRejection);
    installed = guard;
  }
  const guard = installed;
  guard.users += 1;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    guard.users -= 1;
    if (guard.users === 0) {
      process.off('unhandledRejection', guard.onRejection);
      installed = undefined;
    }
  };
}
