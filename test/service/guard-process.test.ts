// The process-wide guard: an unhandled rejection is logged and does not end the service.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'guarded-process.ts');

test('a promise rejected with nobody awaiting it is logged, and the process keeps running', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], { env: { ...process.env, NODE_OPTIONS: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  expect(code).toBe(0);
  expect(out).toContain('still serving');
  const logged = err.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { level: number; msg: string; err?: { message: string } });
  expect(logged).toEqual([expect.objectContaining({ level: 50, err: expect.objectContaining({ message: 'Connection terminated unexpectedly' }) })]);
});
