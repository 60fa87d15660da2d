// The service's output is one stream: what it tells its operator is a log line like any
// other, pretty for a person (a terminal, or LOG_FORMAT=pretty) and JSON lines otherwise.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { spawnVestnik, waitForOutput } from '../support/spawn-service.js';

let db: TestDatabase;
let dataDir: string;
beforeAll(async () => {
  db = await createTestDatabase();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'vestnik-logs-'));
});
afterAll(async () => {
  await db.drop();
  await rm(dataDir, { recursive: true, force: true });
});

async function serviceOutput(env: NodeJS.ProcessEnv): Promise<{ stdout: string; stderr: string }> {
  const run = spawnVestnik(['start', '--role', 'web'], { DATABASE_URL: db.url, VESTNIK_DATA_DIR: dataDir, PORT: '0', ...env });
  try {
    await waitForOutput(run, /stopped|Channels: .*\n/);
  } finally {
    run.child.kill('SIGTERM');
  }
  expect(await run.exited).toBe(0);
  return { stdout: run.stdout(), stderr: run.stderr() };
}

describe('service output', () => {
  it('is JSON lines only when it goes to a collector', async () => {
    const { stdout, stderr } = await serviceOutput({ LOG_FORMAT: 'json', LOG_LEVEL: 'warn' });
    const lines = stdout.trim().split('\n');
    const records = lines.map((line) => JSON.parse(line) as { level: number; msg: string; url?: string });
    // Said even at LOG_LEVEL=warn: the address, the channels, stopping and stopped.
    expect(records.map((r) => r.msg)).toEqual([expect.stringMatching(/^Vestnik is running: http:\/\/127\.0\.0\.1:\d+$/), expect.stringMatching(/^Channels: /), 'Stopping…', 'Vestnik stopped.']);
    expect(records[0]!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(stderr).toBe('');
  });

  it('is pretty lines for a person, with no JSON among them', async () => {
    const { stdout } = await serviceOutput({ LOG_FORMAT: 'pretty' });
    expect(stdout).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: Vestnik is running: http:\/\/127\.0\.0\.1:\d+$/m);
    expect(stdout).toMatch(/^\[[\d:.]+\] INFO: service started$/m);
    expect(stdout.split('\n').filter((line) => line.startsWith('{'))).toEqual([]);
  });
});
