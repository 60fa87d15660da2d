import type pg from 'pg';
import { AppError } from '../../lib/app-error.js';
import { hashApiKey } from './issue-api-key.js';

/**
 * The school a bearer key belongs to. Keys are compared by their keyed hash, so the
 * database never holds a usable key; a revoked key is as unknown as a wrong one.
 */
export interface ApiKeyHolder {
  schoolId: string;
  keyId: string;
  /** The school's mark weights as stored, read in the same round trip for the batch that follows. */
  markWeights: unknown;
}

export async function authenticateApiKey(pool: pg.Pool, secret: string, authorization: string | undefined): Promise<ApiKeyHolder> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match?.[1]) {
    throw new AppError('UNAUTHORIZED', 'send the school API key as "Authorization: Bearer <key>"');
  }
  const key = match[1];
  if (key.length > 200) throw new AppError('UNAUTHORIZED', 'the API key is not valid');
  let rows: Array<{ id: string; schoolId: string; markWeights: unknown }>;
  try {
    // Recording use at most once a minute keeps a busy journal from rewriting the key row per batch.
    ({ rows } = await pool.query<{ id: string; schoolId: string; markWeights: unknown }>(
      `WITH key AS (SELECT id, "schoolId" FROM api_keys WHERE "keyHash" = $1 AND "revokedAt" IS NULL),
            touched AS (UPDATE api_keys k SET "lastUsedAt" = now() FROM key
                        WHERE k.id = key.id AND (k."lastUsedAt" IS NULL OR k."lastUsedAt" < now() - interval '1 minute'))
       SELECT key.id, key."schoolId", s."markWeights" FROM key JOIN schools s ON s.id = key."schoolId"`,
      [hashApiKey(secret, key)],
    ));
  } catch (error) {
    throw new AppError('UNAVAILABLE', 'the database is not reachable; try again later', { cause: (error as Error).message });
  }
  const found = rows[0];
  if (!found) throw new AppError('UNAUTHORIZED', 'the API key is not valid');
  return { schoolId: found.schoolId, keyId: found.id, markWeights: found.markWeights };
}
