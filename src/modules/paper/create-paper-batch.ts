// Paper statements (R2, R5): one batch per class covers the time since the last batch
// the class teacher handed out; paper outbox rows of its families count as delivered.
import type pg from 'pg';
import { AppError } from '../../lib/app-error.js';
import { findPaperFamilies, loadPaperStatements, type PaperStatement } from './load-paper-statements.js';

export interface PaperBatchResult {
  batchId: string;
  classId: string;
  coversFrom: Date;
  coversTo: Date;
  statements: PaperStatement[];
}

const DAY_MS = 86_400_000;

export async function createPaperBatch(pool: pg.Pool, input: { schoolId: string; classId?: string; classExternalId?: string; now?: Date }): Promise<PaperBatchResult> {
  const now = input.now ?? new Date();
  const { rows: classes } = await pool.query<{ id: string; paperCadenceDays: number }>(
    `SELECT c.id, s."paperCadenceDays" FROM classes c JOIN schools s ON s.id = c."schoolId"
      WHERE c."schoolId" = $1 AND (c.id::text = $2 OR c."externalId" = $3)`,
    [input.schoolId, input.classId ?? '', input.classExternalId ?? ''],
  );
  const klass = classes[0];
  if (!klass) throw new AppError('NOT_FOUND', `no class ${input.classExternalId ?? input.classId} in school ${input.schoolId}`);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // One batch at a time per class.
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`paper:${klass.id}`]);
    // From the end of the last batch handed out; before any was, from the first batch's start,
    // so statements never skip a time nobody has signed for.
    const { rows: last } = await client.query<{ from: Date | null }>(
      `SELECT COALESCE(
         (SELECT max("coversTo") FROM paper_batches WHERE "classId" = $1 AND "handedOutAt" IS NOT NULL),
         (SELECT min("coversFrom") FROM paper_batches WHERE "classId" = $1)) AS from`,
      [klass.id],
    );
    const coversFrom = last[0]?.from ?? new Date(now.getTime() - klass.paperCadenceDays * DAY_MS);
    const statements = await loadPaperStatements(client, input.schoolId, klass.id, coversFrom, now);
    const guardianIds = [...new Set(statements.map((s) => s.guardianId))];
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO paper_batches ("schoolId", "classId", "coversFrom", "coversTo", "guardianIds") VALUES ($1, $2, $3, $4, $5::uuid[]) RETURNING id`,
      [input.schoolId, klass.id, coversFrom, now, guardianIds],
    );
    const batchId = rows[0]!.id;
    await client.query(
      `UPDATE outbox_messages SET status = 'sent', "sentAt" = $3, "providerId" = $2, "updatedAt" = now()
        WHERE "channelType" = 'paper' AND status = 'queued' AND "guardianId" = ANY($1::uuid[]) AND "createdAt" <= $3`,
      [guardianIds, `paper-batch:${batchId}`, now],
    );
    await client.query('COMMIT');
    return { batchId, classId: klass.id, coversFrom, coversTo: now, statements };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * The paper cadence (School.paperCadenceDays, 7 or 14): a new batch for every class whose last one is that old.
 * Age is measured on the business time a batch covers (`coversTo`), never on the database's clock,
 * so a batch made for a given `now` counts from that `now`.
 */
export async function createDuePaperBatches(pool: pg.Pool, now = new Date()): Promise<number> {
  const { rows } = await pool.query<{ schoolId: string; classId: string }>(
    `SELECT c."schoolId", c.id AS "classId" FROM classes c JOIN schools s ON s.id = c."schoolId"
      WHERE NOT EXISTS (SELECT 1 FROM paper_batches b WHERE b."classId" = c.id
                         AND b."coversTo" > $1::timestamptz - make_interval(days => s."paperCadenceDays"))`,
    [now],
  );
  let created = 0;
  for (const row of rows) {
    if ((await findPaperFamilies(pool, row.classId)).length === 0) continue;
    await createPaperBatch(pool, { schoolId: row.schoolId, classId: row.classId, now });
    created += 1;
  }
  return created;
}
