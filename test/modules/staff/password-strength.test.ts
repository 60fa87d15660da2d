// Passwords are judged by how easy they are to guess, not by their length alone.
import { addStaffUser } from '../../../src/modules/staff/add-staff-user.js';
import { passwordWeakness } from '../../../src/modules/staff/password-strength.js';
import { findInvite, setPasswordFromInvite } from '../../../src/modules/staff/set-password-from-invite.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createSchoolFixture, SECRET } from '../../support/staff-fixture.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db.drop();
});

it('refuses long but worthless passwords, each with its reason', () => {
  expect(passwordWeakness(' '.repeat(10))).toBe('simpleRepeat');
  expect(passwordWeakness('aaaaaaaaaa')).toBe('simpleRepeat');
  expect(passwordWeakness('1234567890')).toBe('topHundred');
  expect(passwordWeakness('qwertyuiop1')).toBe('similarToCommon');
  expect(passwordWeakness('short')).toBe('tooShort');
  expect(passwordWeakness('x'.repeat(201))).toBe('tooLong');
});

it('knows Russian passwords and the Russian keyboard', () => {
  expect(passwordWeakness('йцукенгшщз')).toBe('straightRow');
  expect(passwordWeakness('пароль123456')).not.toBeNull();
  expect(passwordWeakness('gfhjkm123456')).not.toBeNull();
});

it('refuses a password made of the account’s own email', () => {
  expect(passwordWeakness('admin1@school.test')).toBeNull();
  expect(passwordWeakness('admin1@school.test', ['admin1@school.test'])).not.toBeNull();
});

it('accepts passphrases in either language', () => {
  for (const good of ['correct horse battery', 'plum-Orbit-42-velvet', 'секретный пароль', 'Зелёный трамвай едет в депо']) expect(passwordWeakness(good)).toBeNull();
});

it('keeps the invitation usable after refusing a weak password', async () => {
  const f = await createSchoolFixture(db.prisma);
  const added = await addStaffUser(db.prisma, SECRET, 'http://x', { schoolId: f.schoolId, role: 'admin', email: 'head@school.test' });
  const token = added.inviteUrl.split('/').pop() as string;
  await expect(setPasswordFromInvite(db.prisma, SECRET, token, 'aaaaaaaaaa')).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { field: 'password', reason: 'simpleRepeat' } });
  expect((await db.prisma.staffUser.findUniqueOrThrow({ where: { id: added.id } })).passwordHash).toBeNull();
  expect(await findInvite(db.prisma, SECRET, token)).not.toBeNull();
  await expect(setPasswordFromInvite(db.prisma, SECRET, token, 'plum-Orbit-42-velvet')).resolves.toMatchObject({ email: 'head@school.test' });
});
