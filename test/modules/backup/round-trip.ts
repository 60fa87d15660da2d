// A backup taken while the e-journal keeps writing, restored into an empty database, and
// the checks that the restored data is one consistent moment of the source.
import path from 'node:path';
import pg from 'pg';
import { createLogger } from '../../../src/lib/logger.js';
import { restoreBackup } from '../../../src/modules/backup/restore-backup.js';
import { writeBackup } from '../../../src/modules/backup/write-backup.js';
import { ingestBatch } from '../../../src/modules/ingestion/ingest-batch.js';
import { createSchool } from '../../../src/modules/schools/create-school.js';
import type { Database } from '../../../src/db/open-database.js';
import { TEST_SECRET } from '../../support/context.js';

export const logger = createLogger('silent');
const roster = {
  periods: [{ externalId: 'q2', name: '2 четверть', kind: 'quarter', startsOn: '2026-11-01', endsOn: '2026-12-28' }],
  subjects: [{ externalId: 'math', name: 'Математика' }],
  classes: [{ externalId: '5a', name: '5А', grade: 5 }],
  students: Array.from({ length: 20 }, (_, i) => ({ externalId: `s${i}`, fullName: `Ученик ${i}`, classExternalId: '5a' })),
};

const marks = (prefix: string, n: number) => ({
  marks: Array.from({ length: n }, (_, i) => ({ externalId: `${prefix}-${i}`, studentExternalId: `s${i % 20}`, subjectExternalId: 'math', date: '2026-11-20', value: String((i % 4) + 2) })),
});

export async function seedSchool(db: Database): Promise<string> {
  const { id } = await createSchool(db.prisma, TEST_SECRET, { name: 'Школа № 1', timezone: 'Europe/Moscow' });
  await ingestBatch(db.pool, id, 'roster', roster);
  await ingestBatch(db.pool, id, 'marks', marks('before', 500));
  return id;
}

/** Each table's rows as one ordered text, to compare two databases exactly. */
export async function tableDigest(pool: pg.Pool, table: string): Promise<string> {
  const { rows } = await pool.query<{ d: string | null }>(`SELECT md5(string_agg(row_to_json(t)::text, '|' ORDER BY row_to_json(t)::text)) AS d FROM "${table}" t`);
  return rows[0]?.d ?? '';
}

export async function roundTrip(source: Database, target: pg.Pool, dir: string) {
  const schoolId = await seedSchool(source);
  // The e-journal keeps sending while the backup runs.
  let writing = true;
  let batches = 0;
  const writer = (async () => {
    while (writing) await ingestBatch(source.pool, schoolId, 'marks', marks(`during-${(batches += 1)}`, 20));
  })();
  while (batches < 3) await new Promise((r) => setTimeout(r, 10));
  const file = path.join(dir, `backup-${Math.random().toString(36).slice(2)}.vbk`);
  const backup = await writeBackup(source.pool, file);
  writing = false;
  await writer;
  await ingestBatch(source.pool, schoolId, 'marks', marks('after', 50));

  const restored = await restoreBackup(target, file, { logger });
  const count = async (pool: pg.Pool, sql: string) => (await pool.query<{ n: number }>(sql)).rows[0]!.n;
  return { schoolId, file, backup, restored, count, batches };
}

export async function expectConsistent(source: pg.Pool, target: pg.Pool, result: Awaited<ReturnType<typeof roundTrip>>) {
  const { count, backup } = result;
  // Everything written before the backup is there, nothing written after it is.
  expect(await count(target, `SELECT count(*)::int AS n FROM marks WHERE "externalId" LIKE 'before-%'`)).toBe(500);
  expect(await count(target, `SELECT count(*)::int AS n FROM marks WHERE "externalId" LIKE 'after-%'`)).toBe(0);
  // One moment: each mark written during the backup came with its event in one transaction,
  // so a restored mark without its event (or the reverse) would show a torn snapshot.
  expect(await count(target, `SELECT count(*)::int AS n FROM marks m WHERE NOT EXISTS (SELECT 1 FROM domain_events e WHERE e."entityId" = m.id)`)).toBe(0);
  expect(await count(target, `SELECT count(*)::int AS n FROM domain_events e WHERE e.type = 'mark_created' AND NOT EXISTS (SELECT 1 FROM marks m WHERE m.id = e."entityId")`)).toBe(0);
  expect(await count(target, 'SELECT count(*)::int AS n FROM marks')).toBe(backup.tables.marks);
  // Tables nobody wrote during the backup come back exactly.
  for (const table of ['schools', 'api_keys', 'academic_periods', 'subjects', 'classes', 'students']) {
    expect(`${table}: ${await tableDigest(target, table)}`).toBe(`${table}: ${await tableDigest(source, table)}`);
  }
  // Autoincrement ids continue after the restored ones.
  const { rows } = await target.query<{ id: string }>(`INSERT INTO audit_log ("actorType", action) VALUES ('cli', 'test') RETURNING id`);
  const { rows: max } = await target.query<{ id: string }>(`SELECT max(id)::text AS id FROM domain_events`);
  expect(BigInt(rows[0]!.id)).toBeGreaterThan(0n);
  expect(max[0]!.id).not.toBeNull();
}

