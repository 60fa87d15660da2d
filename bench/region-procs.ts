// The region benchmark's processes: worker and web roles as real `vestnik start` processes,
// and CPU seconds read from /proc — a process's own, and PostgreSQL's (the postmaster with
// the backends it has reaped, plus the ones alive).
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), '../bin/vestnik.js');
const TICKS = 100;

export interface Proc {
  name: string;
  pid: number;
  child: ChildProcess;
  exited: boolean;
  stderr(): string;
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

const running = new Set<Proc>();

/** Every child the bench started is killed on exit, failure or Ctrl-C. */
export function killAll(): void {
  for (const proc of running) if (!proc.exited) proc.child.kill('SIGKILL');
}
process.on('exit', killAll);

export function startRole(name: string, role: 'worker' | 'web', env: Record<string, string>): Proc {
  const child = spawn(process.execPath, [BIN, 'start', '--role', role], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, VESTNIK_LANG: 'en', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-20_000)));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const proc: Proc = {
    name,
    pid: child.pid ?? 0,
    child,
    exited: false,
    stderr: () => stderr,
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (proc.exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
  void exited.then(() => (proc.exited = true));
  running.add(proc);
  return proc;
}

function statOf(pid: number): string[] | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces: fields start after its closing parenthesis.
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** CPU seconds a live process has used (user + system). */
export function cpuSeconds(pid: number): number {
  const f = statOf(pid);
  return f ? (Number(f[11]) + Number(f[12])) / TICKS : 0;
}

/** The postmaster listening on `port`: a postgres process whose command line names it. */
export function postmasterOf(port: number): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (cmd[0]?.endsWith('postgres') && cmd.includes(String(port)) && cmd.includes('-p')) return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  return undefined;
}

/** PostgreSQL's CPU seconds: the postmaster, its reaped children, and its live ones. */
export function postgresCpuSeconds(postmaster: number): number {
  const own = statOf(postmaster);
  if (!own) return 0;
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const f = statOf(Number(entry));
    if (f && Number(f[1]) === postmaster) ticks += Number(f[11]) + Number(f[12]);
  }
  return ticks / TICKS;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
