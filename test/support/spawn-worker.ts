// Worker processes of the multi-process tests, run from the sources (node with tsx's loader
// rather than the tsx launcher: the launcher runs the script in a child of its own, and
// kill -9 of the launcher would leave that child sending). Every one started is killed at
// the end of its test file, whatever the outcome: a worker left behind after a failed test
// would keep its stderr, and with it the test run, open for good.
import { spawn, type ChildProcess } from 'node:child_process';

export interface SpawnedWorker {
  child: ChildProcess;
  /** Its exit code (null when killed). */
  done: Promise<number | null>;
}

const running = new Set<ChildProcess>();

/** Starts `script` with `env` on top of this process's (NODE_OPTIONS cleared); stdout is piped, stderr shared. */
export function spawnWorker(script: string, env: NodeJS.ProcessEnv): SpawnedWorker {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, NODE_OPTIONS: '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  running.add(child);
  const done = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  return { child, done };
}

/** Kills every worker still running and waits until each has exited. */
export async function killWorkers(): Promise<void> {
  const left = [...running];
  await Promise.all(
    left.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}

// Killed with their test file; a worker whose test process itself died exits as well.
afterAll(killWorkers);
