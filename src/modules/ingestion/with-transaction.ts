// Runs a batch in one transaction. Database failures that are not the caller's fault
// become AppErrors with a status the caller can act on, so no input ends in a 500.
import type pg from 'pg';
import { AppError } from '../../lib/app-error.js';
import type { Tx } from './batch-types.js';

// Two batches touching the same rows in different orders can deadlock; the loser is
// safe to run again because nothing of it was committed.
const RETRYABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 3;

/** `attempts: 1` for work that cannot be replayed (a file stream already read). */
export async function withTransaction<T>(pool: pg.Pool, fn: (tx: Tx) => Promise<T>, options: { attempts?: number } = {}): Promise<T> {
  const attempts = options.attempts ?? ATTEMPTS;
  for (let attempt = 1; ; attempt += 1) {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw new AppError('UNAVAILABLE', 'the database is not reachable; try again later', { cause: (error as Error).message });
    }
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      const code = (error as { code?: string }).code;
      if (code && RETRYABLE.has(code) && attempt < attempts) continue;
      throw toAppError(error);
    } finally {
      client.release();
    }
  }
}

function toAppError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const code = (error as { code?: string }).code ?? '';
  if (RETRYABLE.has(code) || code.startsWith('23')) {
    // A concurrent batch changed the same rows (or removed a referenced one) meanwhile.
    return new AppError('CONFLICT', 'the data changed while this batch was written; send it again', { sqlState: code });
  }
  if (code.startsWith('08') || code.startsWith('57P') || code === 'ECONNREFUSED' || code === 'ECONNRESET') {
    return new AppError('UNAVAILABLE', 'the database is not reachable; try again later', { sqlState: code });
  }
  return error;
}
