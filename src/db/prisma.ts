import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.js';

export { PrismaClient };
export { Prisma } from '../generated/prisma/client.js';

// `date` columns come back as plain 'YYYY-MM-DD' strings from raw `pg` queries rather
// than local-midnight Date objects, so calendar dates never shift with the host's zone.
pg.types.setTypeParser(1082, (value: string) => value);

export function createPool(url: string, max = 10): pg.Pool {
  return new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5000 });
}

/** One pool serves Prisma and the raw-SQL bulk paths alike. */
export function createPrismaClient(pool: pg.Pool): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg(pool) });
}
