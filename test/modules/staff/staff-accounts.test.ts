import { addStaffUser } from '../../../src/modules/staff/add-staff-user.js';
import { authorizeClass } from '../../../src/modules/staff/authorize.js';
import { hashPassword, verifyPassword } from '../../../src/modules/staff/password-hash.js';
import { createSession, lookupSession } from '../../../src/modules/staff/sessions.js';
import { findInvite, setPasswordFromInvite } from '../../../src/modules/staff/set-password-from-invite.js';
import { verifyLogin } from '../../../src/modules/staff/verify-login.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createSchoolFixture, SECRET, type SchoolFixture } from '../../support/staff-fixture.js';

let db: TestDatabase;
let f: SchoolFixture;

beforeAll(async () => {
  db = await createTestDatabase();
  f = await createSchoolFixture(db.prisma);
});

afterAll(async () => {
  await db.drop();
});

it('hashes passwords with scrypt and a salt', async () => {
  const a = await hashPassword('секретный пароль');
  const b = await hashPassword('секретный пароль');
  expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
  expect(a).not.toBe(b);
  await expect(verifyPassword('секретный пароль', a)).resolves.toBe(true);
  await expect(verifyPassword('секретный парол', a)).resolves.toBe(false);
});

it('invites a teacher with a one-time link that stores only a hash of the token', async () => {
  const added = await addStaffUser(db.prisma, SECRET, 'https://vestnik.example/', { schoolId: f.schoolId, role: 'teacher', email: ' Teacher@School.Test ', classExternalId: '5a' });
  expect(added.inviteUrl).toMatch(/^https:\/\/vestnik\.example\/staff\/invite\/[\w-]{40,}$/);
  const token = added.inviteUrl.split('/').pop() as string;
  const row = await db.prisma.staffUser.findUniqueOrThrow({ where: { id: added.id } });
  expect(row.email).toBe('teacher@school.test');
  expect(row.classId).toBe(f.classA.id);
  expect(row.inviteTokenHash).not.toContain(token);
  expect(await findInvite(db.prisma, SECRET, token)).toMatchObject({ email: 'teacher@school.test' });

  await expect(setPasswordFromInvite(db.prisma, SECRET, token, 'short')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  await setPasswordFromInvite(db.prisma, SECRET, token, 'a long enough password');
  await expect(setPasswordFromInvite(db.prisma, SECRET, token, 'another long password')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  const user = await verifyLogin(db.prisma, { email: 'TEACHER@school.test', password: 'a long enough password', ip: '10.0.0.1' });
  expect(user).toMatchObject({ role: 'teacher', classId: f.classA.id });
});

it('refuses a teacher without a class, an unknown class and a duplicate email', async () => {
  await expect(addStaffUser(db.prisma, SECRET, 'http://x', { schoolId: f.schoolId, role: 'teacher', email: 'a@b.test' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  await expect(addStaffUser(db.prisma, SECRET, 'http://x', { schoolId: f.schoolId, role: 'teacher', email: 'a@b.test', classExternalId: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  await expect(addStaffUser(db.prisma, SECRET, 'http://x', { schoolId: f.schoolId, role: 'admin', email: 'teacher@school.test' })).rejects.toMatchObject({ code: 'CONFLICT' });
});

it('expires invitations', async () => {
  const added = await addStaffUser(db.prisma, SECRET, 'http://x', { schoolId: f.schoolId, role: 'admin', email: 'late@school.test' }, new Date(Date.now() - 73 * 3600_000));
  expect(await findInvite(db.prisma, SECRET, added.inviteUrl.split('/').pop() as string)).toBeNull();
});

it('looks sessions up by a hashed token and drops expired ones', async () => {
  const user = await db.prisma.staffUser.findUniqueOrThrow({ where: { email: 'teacher@school.test' } });
  const now = new Date();
  const session = await createSession(db.prisma, SECRET, user.id, now, 1);
  expect(await db.prisma.staffSession.count({ where: { tokenHash: session.token } })).toBe(0);
  expect((await lookupSession(db.prisma, SECRET, session.token, now))?.user.email).toBe('teacher@school.test');
  expect(await lookupSession(db.prisma, SECRET, session.token, new Date(now.getTime() + 3601_000))).toBeNull();
  expect(await lookupSession(db.prisma, SECRET, session.token, now)).toBeNull();
});

it('lets a teacher reach only their own class and an admin only their own school', async () => {
  const teacher = { id: 't', schoolId: f.schoolId, email: 't', role: 'teacher' as const, classId: f.classA.id, fullName: null, locale: null };
  await expect(authorizeClass(db.prisma, teacher, f.classA.id)).resolves.toMatchObject({ externalId: '5a' });
  await expect(authorizeClass(db.prisma, teacher, f.classB.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  const other = await createSchoolFixture(db.prisma, 'Другая');
  const admin = { ...teacher, role: 'admin' as const, classId: null };
  await expect(authorizeClass(db.prisma, admin, f.classB.id)).resolves.toMatchObject({ externalId: '5b' });
  await expect(authorizeClass(db.prisma, admin, other.classA.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  await expect(authorizeClass(db.prisma, admin, 'not-a-uuid')).rejects.toMatchObject({ code: 'NOT_FOUND' });
});
