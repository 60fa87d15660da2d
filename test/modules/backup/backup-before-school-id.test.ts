// A backup taken before a school table carried schoolId (the tables converted for sharding by
// school) still restores: each of its rows takes the school of the parent it names.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import pg from 'pg';
import { restoreBackup } from '../../../src/modules/backup/restore-backup.js';
import { writeBackup } from '../../../src/modules/backup/write-backup.js';
import { createSchool } from '../../../src/modules/schools/create-school.js';
import { TEST_SECRET } from '../../support/context.js';
import { createEmptyDatabase, createTestDatabase, type TestDatabase } from '../../support/db.js';
import { logger } from './round-trip.js';

/** The tables that gained schoolId after the first release, filled from a parent on restore. */
const GAINED_SCHOOL_ID = ['notification_preferences', 'staff_sessions', 'view_events', 'acknowledgments', 'push_subscriptions'];

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 2 });
});
afterAll(async () => {
  await db?.drop();
});

/** The backup as the version before the conversion wrote it: those tables without schoolId. */
function withoutSchoolId(text: string): string {
  let strip = false;
  return text
    .split('\n')
    .map((line) => {
      if (line.startsWith('#')) {
        const header = JSON.parse(line.slice(1)) as { table?: string; columns?: string[] };
        if (header.table === undefined) return line;
        strip = GAINED_SCHOOL_ID.includes(header.table);
        return strip ? `#${JSON.stringify({ ...header, columns: header.columns!.filter((c) => c !== 'schoolId') })}` : line;
      }
      if (!strip || line === '') return line;
      const { schoolId: _dropped, ...row } = JSON.parse(line) as Record<string, unknown>;
      return JSON.stringify(row);
    })
    .join('\n');
}

it('restores rows of an older backup that have no schoolId with the school of their parent', async () => {
  const p = db.prisma;
  const schools: Array<{ id: string; guardianId: string; userId: string }> = [];
  for (const name of ['Школа № 1', 'Школа № 2']) {
    const { id } = await createSchool(p, TEST_SECRET, { name, timezone: 'Europe/Moscow' });
    const guardian = await p.guardian.create({ data: { schoolId: id, fullName: 'Петрова Анна' } });
    await p.notificationPreference.create({ data: { schoolId: id, guardianId: guardian.id } });
    await p.viewEvent.create({ data: { schoolId: id, guardianId: guardian.id, view: 'marks', channelType: 'telegram' } });
    await p.acknowledgment.create({ data: { schoolId: id, guardianId: guardian.id, subject: 'digest', reference: 'w1', channelType: 'telegram' } });
    await p.pushSubscription.create({ data: { schoolId: id, guardianId: guardian.id, endpoint: 'https://push.example/1', p256dh: 'k', auth: 'a' } });
    const user = await p.staffUser.create({ data: { schoolId: id, email: `admin@${schools.length}.test`, role: 'admin' } });
    await p.staffSession.create({ data: { schoolId: id, userId: user.id, tokenHash: `t${schools.length}`, csrfToken: 'c', expiresAt: new Date('2027-01-01T00:00:00Z') } });
    schools.push({ id, guardianId: guardian.id, userId: user.id });
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vestnik-backup-'));
  const file = path.join(dir, 'new.vbk');
  await writeBackup(db.pool, file);
  const older = path.join(dir, 'older.vbk');
  const text = gunzipSync(await readFile(file)).toString();
  await writeFile(older, gzipSync(withoutSchoolId(text)));
  expect(withoutSchoolId(text)).not.toBe(text);

  const target = await createEmptyDatabase();
  const pool = new pg.Pool({ connectionString: target.url });
  try {
    const result = await restoreBackup(pool, older, { logger });
    expect(result.tables).toMatchObject(Object.fromEntries(GAINED_SCHOOL_ID.map((table) => [table, 2])));
    const byGuardian = schools.map((s) => ({ schoolId: s.id, guardianId: s.guardianId })).sort((a, b) => a.guardianId.localeCompare(b.guardianId));
    for (const table of GAINED_SCHOOL_ID.filter((t) => t !== 'staff_sessions')) {
      const { rows } = await pool.query(`SELECT "schoolId", "guardianId" FROM ${table} ORDER BY "guardianId"`);
      expect({ table, rows }).toEqual({ table, rows: byGuardian });
    }
    const sessions = await pool.query(`SELECT "schoolId", "userId" FROM staff_sessions ORDER BY "userId"`);
    expect(sessions.rows).toEqual(schools.map((s) => ({ schoolId: s.id, userId: s.userId })).sort((a, b) => a.userId.localeCompare(b.userId)));
  } finally {
    await pool.end();
    await target.drop();
  }
});
