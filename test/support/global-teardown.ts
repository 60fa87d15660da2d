import { rm } from 'node:fs/promises';

export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as { __vestnikTestServer?: { stop(): Promise<void> } }).__vestnikTestServer;
  await server?.stop();
  const dir = process.env.VESTNIK_TEST_PG_DIR;
  if (dir) await rm(dir, { recursive: true, force: true });
}
