// `digest run` never leaves "0 messages" unexplained: it says, by count and in the
// operator's language, why parents get no message.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/run-cli.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { SECRET } from '../support/staff-fixture.js';
import { createFamily, createSchool } from '../modules/notifications/fixtures.js';

let db: TestDatabase;
let dir: string;
let schoolId: string;
let quietSchoolId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  dir = await mkdtemp(path.join(os.tmpdir(), 'vestnik-digest-cli-'));
  schoolId = await createSchool(db.prisma);
  await createFamily(db.prisma, { schoolId });
  const unverified = await createFamily(db.prisma, { schoolId, telegramChat: null });
  await db.prisma.channel.create({ data: { guardianId: unverified.guardianId, type: 'email', address: 'parent@example.test', verified: false } });
  const blocked = await createFamily(db.prisma, { schoolId, telegramChat: null });
  await db.prisma.channel.create({ data: { guardianId: blocked.guardianId, type: 'telegram', address: '424242', verified: true, active: false } });
  const onPaper = await createFamily(db.prisma, { schoolId, telegramChat: null });
  await db.prisma.channel.create({ data: { guardianId: onPaper.guardianId, type: 'paper', verified: true } });
  await createFamily(db.prisma, { schoolId, telegramChat: null });
  quietSchoolId = await createSchool(db.prisma);
  await db.prisma.school.update({ where: { id: quietSchoolId }, data: { sendEmptyDigest: false } });
  await createFamily(db.prisma, { schoolId: quietSchoolId });
  await createFamily(db.prisma, { schoolId: quietSchoolId, consent: 'none' });
});
afterAll(async () => {
  await db.drop();
  await rm(dir, { recursive: true, force: true });
});

async function run(args: string[], lang: 'ru' | 'en'): Promise<{ code: number; text: string }> {
  const out: string[] = [];
  const env = { DATABASE_URL: db.url, VESTNIK_SECRET: SECRET, VESTNIK_DATA_DIR: dir, VESTNIK_LANG: lang, LOG_LEVEL: 'silent' };
  const code = await runCli(['digest', 'run', ...args], { out: (s) => out.push(s), err: (s) => out.push(s), env });
  return { code, text: out.join('\n') };
}

it('gives the reasons by count, with Russian plural forms', async () => {
  const { code, text } = await run(['--school', schoolId, '--now'], 'ru');
  expect(code).toBe(0);
  expect(text).toContain('Сводки по запросу (--now) для 5 родителей: составлено 5 сводок, в очередь поставлено 1 сообщение.');
  expect(text).toContain('Сообщение не получат 4 родителя:');
  expect(text).toMatch(/адрес эл\. почты ещё не подтверждён.* — 1/);
  expect(text).toMatch(/на бумаге.* — 1/);
  expect(text).toMatch(/нет действующего канала.* — 2/);
});

it('names "nothing new" and "no consented child" as reasons, in English on request', async () => {
  const { code, text } = await run(['--school', quietSchoolId, '--now'], 'en');
  expect(code).toBe(0);
  expect(text).toContain('Digests on request (--now) for 2 parents: 0 digests composed, 0 messages queued.');
  expect(text).toContain('2 parents get no message:');
  expect(text).toMatch(/nothing new since the last digest.* — 1/);
  expect(text).toMatch(/no child with a signed consent — 1/);
});

it('says when no digest is due and how to send them now; JSON keeps the counts', async () => {
  const again = await run(['--school', schoolId, '--now'], 'ru');
  expect(again.text).toContain('все они сегодня уже получили сводку');
  const scheduled = await run(['--school', schoolId], 'en');
  expect(scheduled.text).toContain('add --now');
  const json = await run(['--school', quietSchoolId, '--json'], 'en');
  expect(JSON.parse(json.text)).toMatchObject({ guardians: 0, withoutMessage: { unverifiedEmail: 0, noActiveChannel: 0 } });
});

it('counts the scheduled digests that came due in their plural form', async () => {
  await db.pool.query(
    `UPDATE notification_preferences p SET "nextDigestAt" = '2000-01-07T15:00:00Z' FROM guardians g WHERE g.id = p."guardianId" AND g."schoolId" = $1`,
    [schoolId],
  );
  const { text } = await run(['--school', schoolId], 'ru');
  expect(text).toContain('Время сводки пришло для 5 родителей: составлено 5 сводок, в очередь поставлено 1 сообщение.');
});
