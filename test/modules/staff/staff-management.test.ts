// What an admin does to colleagues' accounts: disable (sessions end, login, reset and the
// invitation refuse), enable, change role, class and name, resend an invitation, send a reset.
import { addStaffUser } from '../../../src/modules/staff/add-staff-user.js';
import { disableStaffUser } from '../../../src/modules/staff/disable-staff-user.js';
import { enableStaffUser } from '../../../src/modules/staff/enable-staff-user.js';
import { listStaff } from '../../../src/modules/staff/list-staff.js';
import { requestPasswordReset } from '../../../src/modules/staff/request-password-reset.js';
import { resendInvitation } from '../../../src/modules/staff/resend-invitation.js';
import { findPasswordReset, resetPassword } from '../../../src/modules/staff/reset-password.js';
import { sendPasswordResetByAdmin } from '../../../src/modules/staff/send-password-reset-by-admin.js';
import { createSession, lookupSession } from '../../../src/modules/staff/sessions.js';
import { findInvite, setPasswordFromInvite } from '../../../src/modules/staff/set-password-from-invite.js';
import { updateStaffUser } from '../../../src/modules/staff/update-staff-user.js';
import { verifyLogin } from '../../../src/modules/staff/verify-login.js';
import type { Mailer, MailMessage } from '../../../src/mail/create-mailer.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createSchoolFixture, SECRET, type SchoolFixture } from '../../support/staff-fixture.js';

const NOW = new Date('2026-10-15T12:00:00Z');
const PASSWORD = 'plum-Orbit-42-velvet';
const URL_BASE = 'https://vestnik.example';
const tokenOf = (url: string) => decodeURIComponent(url.split(/[/=]/).pop() as string);
const sent: MailMessage[] = [];
const mailer: Mailer = { kind: 'files', send: async (message) => (sent.push(message), { messageId: `<${sent.length}@test>` }), close: () => undefined };

let db: TestDatabase;
let f: SchoolFixture;
let other: SchoolFixture;
const ids = { head: '', teacher: '', newcomer: '' };

async function account(email: string, role: 'admin' | 'teacher', classExternalId?: string, fullName?: string, withPassword = true): Promise<string> {
  const added = await addStaffUser(db.prisma, SECRET, URL_BASE, { schoolId: f.schoolId, role, email, classExternalId, fullName }, NOW);
  if (withPassword) await setPasswordFromInvite(db.prisma, SECRET, tokenOf(added.inviteUrl), PASSWORD, NOW);
  return added.id;
}

const admin = () => ({ type: 'admin' as const, id: ids.head });
const login = (email: string, password = PASSWORD) => verifyLogin(db.prisma, { email, password, ip: '10.0.0.1' }, { now: NOW, sleep: async () => undefined });

beforeAll(async () => {
  db = await createTestDatabase();
  f = await createSchoolFixture(db.prisma);
  other = await createSchoolFixture(db.prisma, 'Школа №2');
  ids.head = await account('head@school.test', 'admin', undefined, 'Ольга Петрова');
  ids.teacher = await account('sidorov@school.test', 'teacher', '5a', 'Иван Сидоров');
  ids.newcomer = await account('new@school.test', 'teacher', '5b', 'Анна Новикова', false);
});

afterAll(async () => {
  await db.drop();
});

it('disables an account: its sessions end at once and login, reset and invitation refuse it', async () => {
  const session = await createSession(db.prisma, SECRET, ids.teacher, NOW);
  const invite = await addStaffUser(db.prisma, SECRET, URL_BASE, { schoolId: f.schoolId, role: 'admin', email: 'pending@school.test' }, NOW);

  expect(await disableStaffUser(db.prisma, { schoolId: f.schoolId, target: { id: ids.teacher }, actor: admin() }, NOW)).toMatchObject({ changed: true });
  expect(await disableStaffUser(db.prisma, { schoolId: f.schoolId, target: { email: 'pending@school.test' }, actor: admin() }, NOW)).toMatchObject({ changed: true });

  expect(await db.prisma.staffSession.count({ where: { userId: ids.teacher } })).toBe(0);
  expect(await lookupSession(db.prisma, SECRET, session.token, NOW)).toBeNull();
  // The same answer as a wrong password: nothing tells that the account exists.
  await expect(login('sidorov@school.test')).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: 'wrong email or password' });
  expect(await requestPasswordReset(db.prisma, SECRET, URL_BASE, 'sidorov@school.test', NOW)).toBeNull();
  expect(await findInvite(db.prisma, SECRET, tokenOf(invite.inviteUrl), NOW)).toBeNull();
  await expect(sendPasswordResetByAdmin(db.prisma, mailer, SECRET, URL_BASE, { schoolId: f.schoolId, target: { id: ids.teacher }, actor: admin() }, NOW)).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'disabled' } });
  await expect(resendInvitation(db.prisma, SECRET, URL_BASE, { schoolId: f.schoolId, target: { id: invite.id }, actor: admin() }, NOW)).rejects.toMatchObject({ details: { reason: 'disabled' } });

  const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: 'staff.disable', targetId: ids.teacher } });
  expect(audit).toMatchObject({ actorType: 'admin', actorId: ids.head, details: { fullName: 'Иван Сидоров', role: 'teacher', email: 'sidorov@school.test' } });
  expect((await listStaff(db.prisma, f.schoolId, { status: 'disabled' }, NOW)).map((r) => r.email).sort()).toEqual(['pending@school.test', 'sidorov@school.test']);

  // Enabled again, the old password works, and the rest of the school never noticed.
  expect(await enableStaffUser(db.prisma, { schoolId: f.schoolId, target: { id: ids.teacher }, actor: admin() }, NOW)).toMatchObject({ changed: true });
  await expect(login('sidorov@school.test')).resolves.toMatchObject({ id: ids.teacher, classId: f.classA.id });
  expect(await db.prisma.auditLog.count({ where: { action: 'staff.enable', targetId: ids.teacher } })).toBe(1);
});

it('refuses to disable yourself or the last active admin, and to demote the last admin', async () => {
  await expect(disableStaffUser(db.prisma, { schoolId: f.schoolId, target: { id: ids.head }, actor: admin() }, NOW)).rejects.toMatchObject({ code: 'FORBIDDEN', details: { reason: 'self' } });
  // From the command line there is no "self", but the school keeps one admin who can sign in.
  await expect(disableStaffUser(db.prisma, { schoolId: f.schoolId, target: { email: 'head@school.test' }, actor: { type: 'cli' } }, NOW)).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'lastAdmin' } });
  await expect(updateStaffUser(db.prisma, { schoolId: f.schoolId, target: { email: 'head@school.test' }, actor: { type: 'cli' }, role: 'teacher', class: { classExternalId: '5b' } }, NOW)).rejects.toMatchObject({ details: { reason: 'lastAdmin' } });
  await expect(updateStaffUser(db.prisma, { schoolId: f.schoolId, target: { id: ids.head }, actor: admin(), role: 'teacher', class: { classExternalId: '5b' } }, NOW)).rejects.toMatchObject({ code: 'FORBIDDEN', details: { reason: 'selfRole' } });
  expect(await db.prisma.staffUser.findUniqueOrThrow({ where: { id: ids.head } })).toMatchObject({ role: 'admin', disabledAt: null });

  // With a second admin who can sign in, the first may go.
  const deputy = await account('deputy@school.test', 'admin');
  expect(await disableStaffUser(db.prisma, { schoolId: f.schoolId, target: { id: deputy }, actor: admin() }, NOW)).toMatchObject({ changed: true });
  await enableStaffUser(db.prisma, { schoolId: f.schoolId, target: { id: deputy }, actor: admin() }, NOW);
  await expect(disableStaffUser(db.prisma, { schoolId: f.schoolId, target: { id: ids.head }, actor: { type: 'admin', id: deputy } }, NOW)).resolves.toMatchObject({ changed: true });
  await enableStaffUser(db.prisma, { schoolId: f.schoolId, target: { id: ids.head }, actor: { type: 'admin', id: deputy } }, NOW);
});

it('changes role, class and name under the one-class-teacher rule, and audits what changed', async () => {
  // 5Б is led by the newcomer (invited), so the teacher of 5А cannot take it.
  await expect(updateStaffUser(db.prisma, { schoolId: f.schoolId, target: { id: ids.teacher }, actor: admin(), class: { classExternalId: '5b' } }, NOW)).rejects.toMatchObject({
    code: 'CONFLICT',
    details: { reason: 'classTaken', className: '5Б', teacher: 'Анна Новикова' },
  });
  await expect(updateStaffUser(db.prisma, { schoolId: f.schoolId, target: { id: ids.teacher }, actor: admin(), class: { classExternalId: 'nope' } }, NOW)).rejects.toMatchObject({ code: 'NOT_FOUND', details: { reason: 'noClass' } });
  await expect(addStaffUser(db.prisma, SECRET, URL_BASE, { schoolId: f.schoolId, role: 'teacher', email: 'second5a@school.test', classExternalId: '5a' }, NOW)).rejects.toMatchObject({ details: { reason: 'classTaken' } });
  // A class of another school is no class of this one.
  await expect(updateStaffUser(db.prisma, { schoolId: f.schoolId, target: { id: ids.teacher }, actor: admin(), class: { classId: other.classA.id } }, NOW)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  await expect(updateStaffUser(db.prisma, { schoolId: f.schoolId, target: { id: ids.newcomer }, actor: admin(), role: 'teacher', fullName: 'x'.repeat(201) }, NOW)).rejects.toMatchObject({ details: { reason: 'nameTooLong' } });

  // The teacher becomes an admin: the class is let go; an admin with a class is refused.
  const promoted = await updateStaffUser(db.prisma, { schoolId: f.schoolId, target: { id: ids.teacher }, actor: admin(), role: 'admin', fullName: '  Иван   Сидоров-Гай ' }, NOW);
  expect(promoted).toMatchObject({ role: 'admin', classId: null, fullName: 'Иван Сидоров-Гай', changed: true });
  await expect(updateStaffUser(db.prisma, { schoolId: f.schoolId, target: { id: ids.teacher }, actor: admin(), class: { classExternalId: '5a' } }, NOW)).rejects.toMatchObject({ details: { reason: 'classForAdmin' } });
  // Back to teacher needs a class; 5А is free again.
  await expect(updateStaffUser(db.prisma, { schoolId: f.schoolId, target: { id: ids.teacher }, actor: admin(), role: 'teacher' }, NOW)).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { reason: 'teacherNeedsClass' } });
  await updateStaffUser(db.prisma, { schoolId: f.schoolId, target: { id: ids.teacher }, actor: admin(), role: 'teacher', class: { classId: f.classA.id }, fullName: 'Иван Сидоров' }, NOW);
  expect(await updateStaffUser(db.prisma, { schoolId: f.schoolId, target: { id: ids.teacher }, actor: admin(), fullName: 'Иван Сидоров' }, NOW)).toMatchObject({ changed: false });

  const audits = await db.prisma.auditLog.findMany({ where: { action: 'staff.update', targetId: ids.teacher }, orderBy: { id: 'asc' } });
  expect(audits).toHaveLength(2);
  expect(audits[0]?.details).toMatchObject({ fullName: 'Иван Сидоров', role: 'teacher', changes: { role: { from: 'teacher', to: 'admin' }, classId: { from: f.classA.id, to: null }, fullName: { from: 'Иван Сидоров', to: 'Иван Сидоров-Гай' } } });
  expect(audits[1]?.details).toMatchObject({ className: '5А', changes: { role: { from: 'admin', to: 'teacher' } } });
  // Accounts of another school are not found, by id or by email.
  await expect(updateStaffUser(db.prisma, { schoolId: other.schoolId, target: { id: ids.teacher }, actor: { type: 'cli' }, fullName: 'x' }, NOW)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  await expect(disableStaffUser(db.prisma, { schoolId: other.schoolId, target: { email: 'sidorov@school.test' }, actor: { type: 'cli' } }, NOW)).rejects.toMatchObject({ code: 'NOT_FOUND' });
});

it('enabling a teacher whose class found another class teacher meanwhile is refused', async () => {
  const away = await account('away@school.test', 'teacher', '5b', undefined, true).catch(() => null);
  expect(away).toBeNull(); // 5Б is still the newcomer's
  await disableStaffUser(db.prisma, { schoolId: f.schoolId, target: { id: ids.newcomer }, actor: admin() }, NOW);
  const successor = await account('successor@school.test', 'teacher', '5b');
  await expect(enableStaffUser(db.prisma, { schoolId: f.schoolId, target: { id: ids.newcomer }, actor: admin() }, NOW)).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'classTaken' } });
  await disableStaffUser(db.prisma, { schoolId: f.schoolId, target: { id: successor }, actor: admin() }, NOW);
  await expect(enableStaffUser(db.prisma, { schoolId: f.schoolId, target: { id: ids.newcomer }, actor: admin() }, NOW)).resolves.toMatchObject({ changed: true });
});

it('resends an invitation with a new token; the old link stops working', async () => {
  const added = await addStaffUser(db.prisma, SECRET, URL_BASE, { schoolId: f.schoolId, role: 'admin', email: 'late@school.test' }, new Date(NOW.getTime() - 80 * 3600_000));
  expect((await listStaff(db.prisma, f.schoolId, { search: 'LATE@' }, NOW))[0]?.status).toBe('invite_expired');
  const again = await resendInvitation(db.prisma, SECRET, URL_BASE, { schoolId: f.schoolId, target: { email: 'late@school.test' }, actor: { type: 'cli' } }, NOW);
  expect(again.inviteUrl).not.toBe(added.inviteUrl);
  expect(new Date(again.inviteExpiresAt)).toEqual(new Date(NOW.getTime() + 72 * 3600_000));
  expect((await listStaff(db.prisma, f.schoolId, { search: 'late@' }, NOW))[0]?.status).toBe('invited');
  expect(await findInvite(db.prisma, SECRET, tokenOf(added.inviteUrl), new Date(NOW.getTime() - 79 * 3600_000))).toBeNull();
  await setPasswordFromInvite(db.prisma, SECRET, tokenOf(again.inviteUrl), PASSWORD, NOW);
  await expect(resendInvitation(db.prisma, SECRET, URL_BASE, { schoolId: f.schoolId, target: { id: added.id }, actor: admin() }, NOW)).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'hasPassword' } });
  expect(await db.prisma.auditLog.count({ where: { action: 'staff.invite_resend', targetId: added.id, actorType: 'cli' } })).toBe(1);
});

it('emails a reset link the admin never sees, which sets a new password', async () => {
  sent.length = 0;
  const result = await sendPasswordResetByAdmin(db.prisma, mailer, SECRET, URL_BASE, { schoolId: f.schoolId, target: { id: ids.teacher }, actor: admin() }, NOW);
  expect(result).toEqual({ id: ids.teacher, email: 'sidorov@school.test' });
  expect(JSON.stringify(result)).not.toContain('token');
  expect(sent).toHaveLength(1);
  expect(sent[0]).toMatchObject({ to: 'sidorov@school.test' });
  expect(sent[0]?.text).toContain('Администратор школы отправил вам ссылку');
  const url = /https:\/\/vestnik\.example\/staff\/password\/reset\?token=\S+/.exec(sent[0]?.text ?? '')?.[0] as string;
  const token = tokenOf(url);
  expect(await findPasswordReset(db.prisma, SECRET, token, NOW)).toMatchObject({ id: ids.teacher });
  await resetPassword(db.prisma, SECRET, token, 'Зелёный трамвай едет в депо', NOW);
  await expect(login('sidorov@school.test', 'Зелёный трамвай едет в депо')).resolves.toMatchObject({ id: ids.teacher });
  expect(await db.prisma.auditLog.findFirst({ where: { action: 'staff.password_reset_send', targetId: ids.teacher } })).toMatchObject({ actorId: ids.head, details: { fullName: 'Иван Сидоров' } });

  const pending = await addStaffUser(db.prisma, SECRET, URL_BASE, { schoolId: f.schoolId, role: 'admin', email: 'fresh@school.test' }, NOW);
  await expect(sendPasswordResetByAdmin(db.prisma, mailer, SECRET, URL_BASE, { schoolId: f.schoolId, target: { id: pending.id }, actor: admin() }, NOW)).rejects.toMatchObject({ details: { reason: 'noPassword' } });
  const broken: Mailer = { ...mailer, send: async () => Promise.reject(new Error('smtp down')) };
  await expect(sendPasswordResetByAdmin(db.prisma, broken, SECRET, URL_BASE, { schoolId: f.schoolId, target: { id: ids.teacher }, actor: admin() }, NOW)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  expect(await db.prisma.auditLog.count({ where: { action: 'staff.password_reset_send', targetId: ids.teacher } })).toBe(1);

  // A few links an hour, not a flood of a colleague's inbox.
  const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
  await sendPasswordResetByAdmin(db.prisma, mailer, SECRET, URL_BASE, { schoolId: f.schoolId, target: { id: ids.teacher }, actor: admin() }, later(1));
  await sendPasswordResetByAdmin(db.prisma, mailer, SECRET, URL_BASE, { schoolId: f.schoolId, target: { id: ids.teacher }, actor: admin() }, later(2));
  await expect(sendPasswordResetByAdmin(db.prisma, mailer, SECRET, URL_BASE, { schoolId: f.schoolId, target: { id: ids.teacher }, actor: admin() }, later(3))).rejects.toMatchObject({ code: 'RATE_LIMITED', details: { reason: 'tooOften' } });
  await expect(sendPasswordResetByAdmin(db.prisma, mailer, SECRET, URL_BASE, { schoolId: f.schoolId, target: { id: ids.teacher }, actor: admin() }, later(61))).resolves.toMatchObject({ id: ids.teacher });
});

it('lists the school\'s staff with status, filters and search', async () => {
  const all = await listStaff(db.prisma, f.schoolId, {}, NOW);
  expect(all[0]?.role).toBe('admin');
  expect(all.find((r) => r.id === ids.teacher)).toMatchObject({ className: '5А', classExternalId: '5a', status: 'active', fullName: 'Иван Сидоров' });
  expect(all.find((r) => r.email === 'pending@school.test')?.status).toBe('disabled');
  expect((await listStaff(db.prisma, f.schoolId, { role: 'teacher', search: 'сидор' }, NOW)).map((r) => r.email)).toEqual(['sidorov@school.test']);
  expect(await listStaff(db.prisma, other.schoolId, {}, NOW)).toEqual([]);
});
