// A second `vestnik start` on a port something else holds: the operator is told which port
// and how to choose another, the process exits non-zero, and the embedded PostgreSQL it
// started for itself is stopped, not left running.
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { runVestnik, spawnVestnik, waitForOutput } from '../support/spawn-service.js';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const postmasterFile = (dataDir: string) => path.join(dataDir, 'pg', 'postmaster.pid');

describe('vestnik start on a port already in use', () => {
  let dataDir: string;
  let blocker: net.Server;
  let port: number;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'vestnik-port-'));
    await chmod(dataDir, 0o755);
    blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    port = (blocker.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    // Should the service have left its database running, it must not outlive the test.
    const file = postmasterFile(dataDir);
    const pid = existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : undefined;
    if (pid && isAlive(pid)) process.kill(pid, 'SIGINT');
    await new Promise((resolve) => blocker.close(resolve));
    await rm(dataDir, { recursive: true, force: true });
  });

  it('names the port and PORT=…, exits non-zero, and stops the embedded PostgreSQL it started', async () => {
    const env = { VESTNIK_DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: String(port) };
    const run = await runVestnik(['start'], env);
    expect(run.code).not.toBe(0);
    expect(run.code).not.toBeNull();
    expect(run.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`);
    expect(run.stderr).toContain(`PORT=${port + 1} npm start`);
    expect(run.stderr + run.stdout).not.toContain('EADDRINUSE');
    // The database did start (the service got as far as listening) and was shut down again.
    expect(existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);
    expect(existsSync(postmasterFile(dataDir))).toBe(false);

    const russian = await runVestnik(['start'], { ...env, VESTNIK_LANG: 'ru' });
    expect(russian.code).not.toBe(0);
    expect(russian.stderr).toContain(`Порт ${port} (адрес 127.0.0.1) уже занят`);
    expect(russian.stderr).toContain(`PORT=${port + 1} npm start`);
    expect(existsSync(postmasterFile(dataDir))).toBe(false);
  });

  it('a second start beside a running service refuses and leaves the running one and its database alone', async () => {
    const env = { VESTNIK_DATA_DIR: dataDir, HOST: '127.0.0.1' };
    const first = spawnVestnik(['start'], { ...env, PORT: '0' });
    try {
      const [, url] = await waitForOutput(first, /running: (http:\/\/\S+)/);
      const busy = new URL(url!).port;
      const second = await runVestnik(['start'], { ...env, PORT: busy });
      expect(second.code).not.toBe(0);
      expect(second.stderr).toContain(`Port ${busy} on 127.0.0.1 is already in use`);
      expect(await (await fetch(`${url}/healthz`)).json()).toMatchObject({ status: 'ok', database: { status: 'up' } });
    } finally {
      first.child.kill('SIGTERM');
      await first.exited;
    }
  });
});
