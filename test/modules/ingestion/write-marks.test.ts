import { ingestBatch } from '../../../src/modules/ingestion/ingest-batch.js';
import { loadSchoolScope } from '../../../src/modules/ingestion/load-school-scope.js';
import { writeMarks } from '../../../src/modules/ingestion/upsert-marks.js';
import { validateMarks } from '../../../src/modules/ingestion/validate-marks.js';
import { withTransaction } from '../../../src/modules/ingestion/with-transaction.js';
import { createSchool } from '../../../src/modules/schools/create-school.js';
import { TEST_SECRET } from '../../support/context.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

const roster = {
  periods: [{ externalId: 'y', name: 'Год', kind: 'year', startsOn: '2025-09-01', endsOn: '2026-05-31' }],
  subjects: [{ externalId: 'math', name: 'Математика' }],
  classes: [{ externalId: '5a', name: '5А', grade: 5 }],
  students: [{ externalId: 's1', fullName: 'Ученик', classExternalId: '5a' }],
};

async function send(schoolId: string, value: string, returningOld: boolean) {
  return withTransaction(db.pool, async (tx) => {
    const school = await loadSchoolScope(tx, schoolId);
    const row = { externalId: 'm1', studentExternalId: 's1', subjectExternalId: 'math', date: '2025-09-10', value: value as '5' };
    const prepared = await validateMarks(tx, school, [{ index: 0, row }]);
    return writeMarks(tx, school.id, prepared.rows, { returningOld });
  });
}

// Both statements (PostgreSQL 18's RETURNING old, and the CTE for older servers) must
// record the same events; the test server runs 18, so both can run here.
describe.each([true, false])('writeMarks (returningOld: %s)', (returningOld) => {
  it('records created, changed with the previous value, deleted, and restored-as-new', async () => {
    const school = await createSchool(db.prisma, TEST_SECRET, { name: `School ${returningOld}`, timezone: 'Europe/Moscow' });
    await ingestBatch(db.pool, school.id, 'roster', roster);
    expect(await send(school.id, '5', returningOld)).toEqual({ created: 1, updated: 0 });
    expect(await send(school.id, '5', returningOld)).toEqual({ created: 0, updated: 0 });
    expect(await send(school.id, '4', returningOld)).toEqual({ created: 0, updated: 1 });
    await ingestBatch(db.pool, school.id, 'mark-deletions', { externalIds: ['m1'] });
    expect(await send(school.id, '4', returningOld)).toEqual({ created: 0, updated: 1 });
    const { rows } = await db.pool.query<{ type: string; previous: string | null; value: string }>(
      `SELECT type, payload->>'previousValue' AS previous, payload->>'value' AS value FROM domain_events WHERE "schoolId" = $1 ORDER BY id`,
      [school.id],
    );
    expect(rows).toEqual([
      { type: 'mark_created', previous: null, value: '5' },
      { type: 'mark_changed', previous: '5', value: '4' },
      { type: 'mark_deleted', previous: '4', value: '4' },
      { type: 'mark_created', previous: null, value: '4' },
    ]);
  });
});
