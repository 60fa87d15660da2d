// A school may keep scheduled digests off MAX (School.maxDigests): they then go by email only.
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { runSchoolUpdate } from './run-school-update.js';
import { runDigests } from '../../../src/modules/notifications/run-digests.js';
import { createFamily, createSchool } from './fixtures.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

/** A guardian linked in MAX who also confirmed an email address. */
async function maxAndEmailFamily(schoolId: string, n: number) {
  const family = await createFamily(db.prisma, { schoolId, telegramChat: null, email: `parent${n}@example.org`, n });
  await db.prisma.channel.create({ data: { guardianId: family.guardianId, type: 'max', address: String(700000 + n), verified: true } });
  return family;
}

async function digestChannels(guardianId: string): Promise<string[]> {
  const rows = await db.prisma.outboxMessage.findMany({ where: { guardianId, kind: 'digest' }, select: { channelType: true } });
  return rows.map((r) => r.channelType).sort();
}

describe('digests over MAX', () => {
  test('with maxDigests off the digest goes by email only; with it on, by MAX (and the chosen email)', async () => {
    const schoolId = await createSchool(db.prisma);
    const off = await maxAndEmailFamily(schoolId, 901);
    expect(await runSchoolUpdate(db, schoolId, ['--max-digests', 'off'])).toBe(0);
    // Wednesday 13:00 in Moscow.
    expect(await runDigests(db.pool, { schoolId, now: new Date('2026-11-18T10:00:00Z'), all: true })).toMatchObject({ guardians: 1, digests: 1 });
    expect(await digestChannels(off.guardianId)).toEqual(['email']);

    const on = await maxAndEmailFamily(schoolId, 902);
    expect(await runSchoolUpdate(db, schoolId, ['--max-digests', 'on'])).toBe(0);
    expect(await runDigests(db.pool, { schoolId, now: new Date('2026-11-19T10:00:00Z'), all: true })).toMatchObject({ guardians: 2, digests: 2 });
    expect(await digestChannels(on.guardianId)).toEqual(['email', 'max']);
  });
});
