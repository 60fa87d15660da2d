// Failed logins slow down the client that makes them, progressively, and never lock the
// real user (on another device) out of their account.
import { addStaffUser } from '../../../src/modules/staff/add-staff-user.js';
import { LOGIN_ACCOUNT_SLOWDOWN_FAILURES, pairDelaySeconds, recordLoginFailure } from '../../../src/modules/staff/login-rate-limit.js';
import { setPasswordFromInvite } from '../../../src/modules/staff/set-password-from-invite.js';
import { verifyLogin } from '../../../src/modules/staff/verify-login.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createSchoolFixture, SECRET } from '../../support/staff-fixture.js';

let db: TestDatabase;
const PASSWORD = 'plum-Orbit-42-velvet';
const T0 = new Date('2026-10-15T12:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const noSleep = async (_ms: number): Promise<void> => undefined;

async function addUser(email: string): Promise<void> {
  const f = await createSchoolFixture(db.prisma, `Школа ${email}`);
  const added = await addStaffUser(db.prisma, SECRET, 'http://x', { schoolId: f.schoolId, role: 'admin', email }, at(-3600));
  await setPasswordFromInvite(db.prisma, SECRET, added.inviteUrl.split('/').pop() as string, PASSWORD, at(-3600));
}

function login(email: string, ip: string, seconds: number, password = PASSWORD, sleep = noSleep) {
  return verifyLogin(db.prisma, { email, password, ip }, { now: at(seconds), sleep });
}

beforeAll(async () => {
  db = await createTestDatabase();
  await addUser('guessed@school.test');
  await addUser('sprayed@school.test');
});

afterAll(async () => {
  await db.drop();
});

it('lets a client make five mistakes, then makes it wait twice as long after each further one, up to an hour', async () => {
  const email = 'guessed@school.test';
  for (let i = 0; i < 5; i += 1) await expect(login(email, '198.51.100.1', i, 'wrong')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  // Even the right password is not checked while the client waits a minute after its last failure.
  await expect(login(email, '198.51.100.1', 10)).rejects.toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 54 } });
  await expect(login(email, '198.51.100.1', 65, 'wrong')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  // The sixth failure doubles the wait: two minutes.
  await expect(login(email, '198.51.100.1', 65 + 119)).rejects.toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 1 } });
  await expect(login(email, '198.51.100.1', 65 + 120)).resolves.toMatchObject({ email });
  expect([5, 6, 7, 8, 12, 100].map(pairDelaySeconds)).toEqual([60, 120, 240, 480, 3600, 3600]);
});

it('never locks the real user out: another client signs in while the guessing one waits', async () => {
  const email = 'guessed@school.test';
  for (let i = 0; i < 8; i += 1) await login(email, '203.0.113.66', 1000 + i, 'wrong').catch(() => undefined);
  await expect(login(email, '203.0.113.66', 1010)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  await expect(login(email, '192.0.2.44', 1010)).resolves.toMatchObject({ email });
});

it('forgets a client’s mistakes once it signs in', async () => {
  const email = 'guessed@school.test';
  for (let i = 0; i < 5; i += 1) await expect(login(email, '198.51.100.2', 20_000 + i, 'wrong')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  await expect(login(email, '198.51.100.2', 20_000 + 70)).resolves.toMatchObject({ email });
  await expect(login(email, '198.51.100.2', 20_000 + 71, 'wrong')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  await expect(login(email, '198.51.100.2', 20_000 + 72)).resolves.toMatchObject({ email });
});

it('slows every attempt on an account guessed from many addresses, but still lets the right password in', async () => {
  const email = 'sprayed@school.test';
  for (let i = 0; i < 2 * LOGIN_ACCOUNT_SLOWDOWN_FAILURES; i += 1) await recordLoginFailure(db.prisma, null, email, `10.0.${i >> 8}.${i & 255}`, at(i));
  const waits: number[] = [];
  const sleep = async (ms: number): Promise<void> => void waits.push(ms);
  await expect(login(email, '192.0.2.45', 200, PASSWORD, sleep)).resolves.toMatchObject({ email });
  expect(waits).toEqual([2000]);
  // A quarter of an hour later the account is no longer slowed.
  await expect(login(email, '192.0.2.45', 200 + 16 * 60, PASSWORD, sleep)).resolves.toMatchObject({ email });
  expect(waits).toEqual([2000]);
});
