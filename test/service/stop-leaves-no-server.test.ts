// A clean stop leaves no embedded PostgreSQL behind, however soon after start the
// operator presses Ctrl-C or the supervisor sends SIGTERM.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { spawnVestnik, waitForOutput, type RunningProcess } from '../support/spawn-service.js';

/** Every live process whose command line names this cluster folder (the postmaster and its children). */
function serversOf(pgDir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (cmdline.some((arg) => arg === pgDir || arg === `--pgdata=${pgDir}`)) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

function postmasterAlive(pgDir: string): boolean {
  const file = path.join(pgDir, 'postmaster.pid');
  if (!existsSync(file)) return false;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

describe('stopping the service on the embedded database', () => {
  let dataDir: string;
  let pgDir: string;
  let current: RunningProcess | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'vestnik-stops-'));
    await chmod(dataDir, 0o755);
    pgDir = path.join(dataDir, 'pg');
  });
  afterAll(async () => {
    if (current?.child.exitCode === null) current.child.kill('SIGKILL');
    for (const pid of serversOf(pgDir)) process.kill(pid, 'SIGQUIT');
    await rm(dataDir, { recursive: true, force: true });
  });

  // Signals at three moments: while PostgreSQL is starting (its lock file exists but the
  // service has not connected yet), right after it started (migrations and components
  // still to come), and once the service says it runs.
  type Moment = 'server starting' | 'server started' | 'running';
  const stops: Array<{ signal: NodeJS.Signals; at: Moment }> = [
    { signal: 'SIGTERM', at: 'running' },
    { signal: 'SIGINT', at: 'server starting' },
    { signal: 'SIGTERM', at: 'server started' },
    { signal: 'SIGINT', at: 'running' },
    { signal: 'SIGTERM', at: 'server starting' },
    { signal: 'SIGINT', at: 'server started' },
    { signal: 'SIGTERM', at: 'running' },
    { signal: 'SIGINT', at: 'running' },
    { signal: 'SIGTERM', at: 'server starting' },
    { signal: 'SIGINT', at: 'server started' },
  ];

  async function reach(run: RunningProcess, at: Moment): Promise<void> {
    if (at === 'running') {
      await waitForOutput(run, /Channels: .*\n/);
      return;
    }
    const reached = () => (at === 'server starting' ? existsSync(path.join(pgDir, 'postmaster.pid')) : /embedded PostgreSQL started/.test(run.stdout() + run.stderr()));
    if (!(await waitUntil(() => reached() || run.child.exitCode !== null, 60_000)) || !reached()) {
      throw new Error(`the service never reached "${at}".\nstdout:\n${run.stdout()}\nstderr:\n${run.stderr()}`);
    }
  }

  it('leaves no PostgreSQL running after any of ten stops, and each stop exits cleanly', async () => {
    const outcomes: string[] = [];
    for (const [index, stop] of stops.entries()) {
      // The log says when the database is up, on whichever stream and in whichever format it is written.
      const run = spawnVestnik(['start'], { PORT: '0', VESTNIK_DATA_DIR: dataDir, LOG_LEVEL: 'info' });
      current = run;
      await reach(run, stop.at);
      run.child.kill(stop.signal);
      const code = await run.exited;
      // The postmaster exits right after its last backend; give it that moment, no more.
      const gone = await waitUntil(() => serversOf(pgDir).length === 0 && !postmasterAlive(pgDir), 5000);
      outcomes.push(`#${index} ${stop.signal} when ${stop.at}: exit ${code}, ${gone ? 'no server' : 'server left running'}`);
      // Clean up so that one leftover does not hide or cause the next.
      for (const pid of serversOf(pgDir)) process.kill(pid, 'SIGQUIT');
      await waitUntil(() => serversOf(pgDir).length === 0, 5000);
    }
    expect(outcomes).toEqual(outcomes.map((line) => line.replace(/exit .*$/, 'exit 0, no server')));
  }, 240_000);
});
