// The raw-SQL helpers (insertOutbox, loadRecipients…) take anything with pg's `query`.
// This gives them a Prisma transaction, so a change made through Prisma and the outbox rows
// it causes commit together.
import type pg from 'pg';
import type { Prisma, PrismaClient } from './prisma.js';

export type Queryable = Pick<pg.PoolClient, 'query'>;

const WRITES = /^\s*(INSERT|UPDATE|DELETE)\b(?![\s\S]*\bRETURNING\b)/i;

export function prismaQueryable(db: PrismaClient | Prisma.TransactionClient): Queryable {
  async function query(text: string, values: unknown[] = []) {
    if (WRITES.test(text)) {
      const rowCount = await db.$executeRawUnsafe(text, ...values);
      return { rows: [], rowCount, command: '', oid: 0, fields: [] };
    }
    const rows = await db.$queryRawUnsafe<unknown[]>(text, ...values);
    return { rows, rowCount: rows.length, command: '', oid: 0, fields: [] };
  }
  return { query } as unknown as Queryable;
}
