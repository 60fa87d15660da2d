// The migrated schema is ready for Citus sharded by school: every table is classified
// (src/db/tenancy.ts), tenant tables carry schoolId in every key and every foreign key
// between them, and no reference or local table points at a tenant table.
import pg from 'pg';
import { findCitusViolations } from './support/citus-rules.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

// PENDING: tenant tables not yet converted (schoolId in the primary key, unique indexes and
// foreign keys). The test prints each one's remaining violations on every run instead of
// passing silently; a table listed here with nothing left to fix fails it: remove the table.
const PENDING = new Set<string>([
  'channels',
  'consent_codes',
  'guardian_students',
  'guardians',
  'outbox_messages',
  'staff_users',
  'student_accounts',
  'students',
]);

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 1 });
});

afterAll(async () => {
  await db?.drop();
});

describe('the schema is ready for Citus (distributed by schoolId)', () => {
  it('every table is classified, and keys and foreign keys of tenant tables include schoolId', async () => {
    const violations = await findCitusViolations(db.pool);
    const tableOf = (violation: string) => violation.slice(0, violation.indexOf(':'));
    const pending = violations.filter((v) => PENDING.has(tableOf(v)));
    if (pending.length > 0) {
      console.warn(
        `Citus-readiness PENDING for ${PENDING.size} tables (${pending.length} violations):\n  ${pending.join('\n  ')}`,
      );
    }
    const done = [...PENDING].filter((table) => !violations.some((v) => tableOf(v) === table));
    expect({ violations: violations.filter((v) => !PENDING.has(tableOf(v))), noLongerPending: done }).toEqual({
      violations: [],
      noLongerPending: [],
    });
  });
});

describe('the Citus rules', () => {
  it('name each broken rule with its table and constraint', async () => {
    await db.pool.query(`
      CREATE SCHEMA probe;
      CREATE TABLE probe.schools (id uuid PRIMARY KEY);
      CREATE TABLE probe.guardians (id uuid PRIMARY KEY, "schoolId" uuid REFERENCES probe.schools (id));
      CREATE TABLE probe.students (id uuid, "schoolId" uuid NOT NULL, PRIMARY KEY ("schoolId", id));
      CREATE TABLE probe.channels (id uuid PRIMARY KEY, "guardianId" uuid REFERENCES probe.guardians (id));
      CREATE TABLE probe.view_events (
        "schoolId" uuid NOT NULL, id bigint, "studentId" uuid,
        PRIMARY KEY ("schoolId", id), FOREIGN KEY ("schoolId", "studentId") REFERENCES probe.students ("schoolId", id));
      CREATE TABLE probe.bots (id uuid PRIMARY KEY, "guardianId" uuid REFERENCES probe.guardians (id));
      CREATE TABLE probe.mystery (id uuid);`);
    const probe = new pg.Pool({ connectionString: db.url, max: 1, options: '-c search_path=probe' });
    try {
      expect(await findCitusViolations(probe)).toEqual([
        'bots: foreign key bots_guardianId_fkey is a reference table referencing tenant table guardians',
        'channels: foreign key channels_guardianId_fkey to guardians lacks schoolId',
        'channels: primary key channels_pkey (id) lacks schoolId',
        'channels: tenant table without schoolId',
        'guardians: primary key guardians_pkey (id) lacks schoolId',
        'guardians: schoolId may be null',
        'mystery: not classified in src/db/tenancy.ts',
      ]);
    } finally {
      await probe.end();
    }
  });
});
