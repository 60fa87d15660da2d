// SIGINT and SIGTERM are caught from the moment `vestnik start` begins, not only once
// the service runs: a signal during startup would otherwise end the process by default
// while the embedded PostgreSQL it has just started keeps running with nobody to stop it.
// A signal that comes early is remembered; startup finishes and the service then stops.

export interface StopSignals {
  /** Resolves on the first SIGINT or SIGTERM, including one received before this call. */
  requested(): Promise<NodeJS.Signals>;
  /** True once a signal came. */
  readonly received: boolean;
  dispose(): void;
}

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

export function catchStopSignals(target: Pick<NodeJS.Process, 'on' | 'off'> = process): StopSignals {
  let signal: NodeJS.Signals | undefined;
  let resolve: ((signal: NodeJS.Signals) => void) | undefined;
  const first = new Promise<NodeJS.Signals>((r) => (resolve = r));
  // Later signals are swallowed too: a second Ctrl-C while stopping must not kill the
  // process halfway, leaving the database server behind. Every step of the stop has its
  // own time limit, so the stop ends on its own.
  const onSignal = (received: NodeJS.Signals) => {
    if (signal) return;
    signal = received;
    resolve?.(received);
  };
  for (const name of SIGNALS) target.on(name, onSignal);
  return {
    requested: () => first,
    get received() {
      return signal !== undefined;
    },
    dispose() {
      for (const name of SIGNALS) target.off(name, onSignal);
    },
  };
}
