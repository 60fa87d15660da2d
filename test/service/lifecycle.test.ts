// The service as an operator runs it: start, health, a command while it runs,
// clean stop, restart on the same data folder, and recovery after kill -9.
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runVestnik, spawnVestnik, waitForOutput, type RunningProcess } from '../support/spawn-service.js';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function postmasterPid(dataDir: string): number | undefined {
  const file = path.join(dataDir, 'pg', 'postmaster.pid');
  return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : undefined;
}

const spawned: RunningProcess[] = [];

async function startService(env: NodeJS.ProcessEnv): Promise<{ run: RunningProcess; url: string }> {
  const run = spawnVestnik(['start'], { PORT: '0', ...env });
  spawned.push(run);
  const [, url] = await waitForOutput(run, /running: (http:\/\/\S+)/);
  // The channel summary follows the URL; wait for it so the output is complete.
  await waitForOutput(run, /Channels: .*\n/);
  return { run, url: url! };
}

describe('vestnik start on the embedded database', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'vestnik-life-'));
    await chmod(dataDir, 0o755);
    env = { VESTNIK_DATA_DIR: dataDir };
  });
  afterAll(async () => {
    // A failed assertion must not leave a service running into the next test.
    for (const run of spawned) if (run.child.exitCode === null) run.child.kill('SIGKILL');
    const pid = postmasterPid(dataDir);
    if (pid && isAlive(pid)) process.kill(pid, 'SIGINT');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts healthy, serves commands while running, and stops everything on SIGTERM', async () => {
    const { run, url } = await startService(env);
    expect(run.stdout()).toMatch(/Telegram — off/);
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', database: { status: 'up', kind: 'embedded' } });

    const serverPid = postmasterPid(dataDir);
    expect(serverPid && isAlive(serverPid)).toBeTruthy();
    // A command while the service runs reaches the same server instead of starting a second one.
    const created = await runVestnik(['school', 'create', '--name', 'Gymnasium 1', '--timezone', 'Europe/Moscow', '--json'], env);
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ name: 'Gymnasium 1' });
    expect(postmasterPid(dataDir)).toBe(serverPid);
    expect(isAlive(serverPid!)).toBe(true);

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.stdout()).toMatch(/stopped/);
    expect(isAlive(serverPid!)).toBe(false);
  });

  it('starts again on the same data folder, keeping the data', async () => {
    const { run, url } = await startService(env);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    // Creating another school proves the database from the first run is there and writable.
    const created = await runVestnik(['school', 'create', '--name', 'Gymnasium 2', '--timezone', 'Asia/Yekaterinburg', '--json'], env);
    expect(created.code).toBe(0);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
  });

  it('recovers after kill -9 without manual steps', async () => {
    const first = await startService(env);
    const orphan = postmasterPid(dataDir);
    first.run.child.kill('SIGKILL');
    await first.run.exited;
    expect(orphan && isAlive(orphan)).toBeTruthy();

    const second = await startService(env);
    expect((await fetch(`${second.url}/healthz`)).status).toBe(200);
    second.run.child.kill('SIGTERM');
    expect(await second.run.exited).toBe(0);
    const after = postmasterPid(dataDir);
    expect(after === undefined || !isAlive(after)).toBe(true);
  });

  it('runs a command on its own when the service is not running, and stops the database afterwards', async () => {
    const result = await runVestnik(['migrate', '--json'], env);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ applied: [] });
    const pid = postmasterPid(dataDir);
    expect(pid === undefined || !isAlive(pid)).toBe(true);
  });
});

describe('vestnik start with DATABASE_URL', () => {
  it('starts nothing embedded', async () => {
    const { createTestDatabase } = await import('../support/db.js');
    const db = await createTestDatabase();
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vestnik-ext-'));
    try {
      const { run, url } = await startService({ DATABASE_URL: db.url, VESTNIK_DATA_DIR: dataDir });
      const health = await (await fetch(`${url}/healthz`)).json();
      expect(health).toMatchObject({ database: { status: 'up', kind: 'external' } });
      expect(existsSync(path.join(dataDir, 'pg'))).toBe(false);
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
    } finally {
      await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
