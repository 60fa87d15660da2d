// Reset links expire after an hour, die when the password changes, and cannot flood an inbox.
import { addStaffUser } from '../../../src/modules/staff/add-staff-user.js';
import { requestPasswordReset, RESET_REQUESTS_PER_HOUR } from '../../../src/modules/staff/request-password-reset.js';
import { findPasswordReset, resetPassword } from '../../../src/modules/staff/reset-password.js';
import { setPasswordFromInvite } from '../../../src/modules/staff/set-password-from-invite.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createSchoolFixture, SECRET } from '../../support/staff-fixture.js';

let db: TestDatabase;
const T0 = new Date('2026-10-15T12:00:00Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const tokenOf = (url: string) => decodeURIComponent(url.split(/[/=]/).pop() as string);

beforeAll(async () => {
  db = await createTestDatabase();
  const f = await createSchoolFixture(db.prisma);
  for (const email of ['late@school.test', 'twice@school.test', 'busy@school.test', 'off@school.test']) {
    const added = await addStaffUser(db.prisma, SECRET, 'http://x', { schoolId: f.schoolId, role: 'admin', email }, minutes(-120));
    await setPasswordFromInvite(db.prisma, SECRET, tokenOf(added.inviteUrl), 'plum-Orbit-42-velvet', minutes(-120));
  }
  await db.prisma.staffUser.update({ where: { email: 'off@school.test' }, data: { disabledAt: minutes(-60) } });
});

afterAll(async () => {
  await db.drop();
});

it('expires a link after an hour', async () => {
  const mail = await requestPasswordReset(db.prisma, SECRET, 'http://x', 'late@school.test', T0);
  const token = tokenOf(mail!.url);
  expect(mail!.expiresAt).toEqual(minutes(60));
  expect(await findPasswordReset(db.prisma, SECRET, token, minutes(59))).toMatchObject({ email: 'late@school.test' });
  expect(await findPasswordReset(db.prisma, SECRET, token, minutes(61))).toBeNull();
  await expect(resetPassword(db.prisma, SECRET, token, 'Зелёный трамвай едет в депо', minutes(61))).rejects.toMatchObject({ code: 'NOT_FOUND' });
});

it('kills every other link once the password has changed', async () => {
  const first = await requestPasswordReset(db.prisma, SECRET, 'http://x', 'twice@school.test', T0);
  const second = await requestPasswordReset(db.prisma, SECRET, 'http://x', 'twice@school.test', minutes(1));
  await resetPassword(db.prisma, SECRET, tokenOf(second!.url), 'Зелёный трамвай едет в депо', minutes(2));
  expect(await findPasswordReset(db.prisma, SECRET, tokenOf(first!.url), minutes(3))).toBeNull();
});

it('sends at most a few links an hour, and none for a disabled or unknown account', async () => {
  const asks = [];
  for (let i = 0; i <= RESET_REQUESTS_PER_HOUR; i += 1) asks.push(await requestPasswordReset(db.prisma, SECRET, 'http://x', 'busy@school.test', minutes(i)));
  expect(asks.filter(Boolean)).toHaveLength(RESET_REQUESTS_PER_HOUR);
  expect(await requestPasswordReset(db.prisma, SECRET, 'http://x', 'busy@school.test', minutes(61))).not.toBeNull();
  expect(await requestPasswordReset(db.prisma, SECRET, 'http://x', 'off@school.test', T0)).toBeNull();
  expect(await requestPasswordReset(db.prisma, SECRET, 'http://x', 'nobody@school.test', T0)).toBeNull();
});
