// The last line of defence of a long-running process: a rejected promise nobody awaited
// (a database call during an outage, say) is logged and the service keeps serving. Node
// would otherwise end the process, and a worker nobody restarts leaves final grades unsent.
// Each known cause is fixed where it arises; this only keeps an unknown one from being fatal.
import type { Logger } from '../lib/logger.js';

/** Installs the guard; returns a function that removes it. */
export function guardProcess(logger: Logger): () => void {
  const onRejection = (reason: unknown) => logger.error({ err: reason }, 'unhandled promise rejection; the service keeps running');
  process.on('unhandledRejection', onRejection);
  return () => {
    process.off('unhandledRejection', onRejection);
  };
}
