// The service's connection pool against a real server that drops connections, as it does
// when PostgreSQL restarts or an operator terminates sessions.
import { createTestDatabase, type TestDatabase } from '../support/db.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

test('a connection lost in the middle of a transaction fails that transaction, not the process', async () => {
  const client = await db.pool.connect();
  await client.query('BEGIN');
  const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  // The server's notice arrives on its own; wait until the client has seen it.
  const ended = new Promise<void>((resolve) => client.once('end', () => resolve()));
  await db.pool.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid]);
  await ended;
  await expect(client.query('SELECT 1')).rejects.toThrow();
  client.release(true);
  const again = await db.pool.query<{ ok: number }>('SELECT 1 AS ok');
  expect(again.rows[0]?.ok).toBe(1);
});

test('close() returns only after every connection has ended, so the database can be stopped or dropped at once', async () => {
  const other = await createTestDatabase();
  let connected = 0;
  let ended = 0;
  other.pool.on('connect', (client) => {
    connected += 1;
    client.once('end', () => (ended += 1));
  });
  const held = await Promise.all(Array.from({ length: 4 }, () => other.pool.connect()));
  for (const client of held) client.release();
  await other.prisma.school.count();
  await other.close();
  expect(connected).toBe(4);
  expect(ended).toBe(connected);
  await other.drop();
});
