// `vestnik announce`: an integrator's script sends or schedules an announcement and reads the
// result as JSON; mistakes are named in the operator's language and change nothing.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/run-cli.js';
import { parseSendAt } from '../../src/cli/commands/announce.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { SECRET } from '../support/staff-fixture.js';
import { createAnnouncementFixture, type AnnouncementFixture } from '../modules/announcements/announcement-fixture.js';

let db: TestDatabase;
let f: AnnouncementFixture;
let dir: string;
let textFile: string;

beforeAll(async () => {
  db = await createTestDatabase();
  f = await createAnnouncementFixture(db.prisma);
  dir = await mkdtemp(path.join(os.tmpdir(), 'vestnik-announce-cli-'));
  textFile = path.join(dir, 'text.txt');
  await writeFile(textFile, '\uFEFFРодительское собрание 5А — в четверг в 18:00, кабинет 12.\r\n');
});
afterAll(async () => {
  await db.drop();
  await rm(dir, { recursive: true, force: true });
});

async function run(args: string[], lang: 'ru' | 'en' = 'ru'): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const env = { DATABASE_URL: db.url, VESTNIK_SECRET: SECRET, VESTNIK_DATA_DIR: dir, VESTNIK_LANG: lang, LOG_LEVEL: 'silent' };
  const code = await runCli(['announce', '--school', f.schoolId, ...args], { out: (s) => out.push(s), err: (s) => err.push(s), env });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

it('sends to a class now and prints a JSON result with recipients by channel', async () => {
  const { code, out } = await run(['--class', '5a', '--text-file', textFile, '--ack', '--json']);
  expect(code).toBe(0);
  const result = JSON.parse(out) as { id: string; status: string; recipients: number; byChannel: Record<string, number> };
  expect(result).toMatchObject({ status: 'sending', recipients: 2, byChannel: { telegram: 1, paper: 1 }, audience: { kind: 'classes', classes: ['5А'] } });
  const row = await db.prisma.announcement.findFirstOrThrow({ where: { id: result.id } });
  // The byte order mark and the Windows line end are not part of the text.
  expect(row).toMatchObject({ text: 'Родительское собрание 5А — в четверг в 18:00, кабинет 12.', ackRequired: true, authorType: 'cli' });
  const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { targetId: result.id, action: 'announcement.create' } });
  expect(audit.actorType).toBe('cli');
});

it('schedules for a wall-clock time in the school zone and says when, on that clock', async () => {
  // Tomorrow at 09:00 Moscow time, wherever the test clock stands.
  const tomorrow = new Date(Date.now() + 86_400_000 + 3 * 3_600_000).toISOString().slice(0, 10);
  const { code, out } = await run(['--text-file', textFile, '--at', `${tomorrow} 09:00`]);
  expect(code).toBe(0);
  const [y, m, d] = tomorrow.split('-');
  expect(out).toContain(`запланировано на ${d}.${m}.${y}, 09:00 (вся школа)`);
  expect(out).toContain('Telegram: 1');
  const row = await db.prisma.announcement.findFirstOrThrow({ where: { schoolId: f.schoolId, status: 'scheduled' } });
  expect(row.sendAt.toISOString()).toBe(`${tomorrow}T06:00:00.000Z`);
});

it.each([
  [['--class', 'nope', '--text-file', 'TEXT'], 'В школе нет класса с внешним id «nope».'],
  [['--text-file', 'TEXT', '--at', 'завтра'], 'Не удалось понять время «завтра»'],
  [['--text-file', 'TEXT', '--at', '2020-01-01 09:00'], 'Время отправки уже прошло.'],
  [['--text-file', '/nonexistent/text.txt'], 'Не удалось прочитать файл /nonexistent/text.txt.'],
  [['--text-file', 'TEXT', '--attach', 'TEXT'], 'Файл «text.txt» — не PDF, PNG и не JPEG.'],
])('refuses %j with a clear Russian message and writes nothing', async (args, message) => {
  const before = await db.prisma.announcement.count();
  const { code, err } = await run(args.map((a) => (a === 'TEXT' ? textFile : a)));
  expect(code).toBe(1);
  expect(err).toContain(message);
  expect(await db.prisma.announcement.count()).toBe(before);
});

it('answers in English when the operator works in English', async () => {
  const { code, err } = await run(['--class', 'nope', '--text-file', textFile], 'en');
  expect(code).toBe(1);
  expect(err).toContain('The school has no class with external id "nope".');
});

it('reads ISO 8601 with an offset and refuses a day the month does not have', () => {
  expect(parseSendAt('2026-10-16T09:00:00+03:00', 'Asia/Vladivostok')?.toISOString()).toBe('2026-10-16T06:00:00.000Z');
  expect(parseSendAt('2026-10-16 09:00', 'Asia/Vladivostok')?.toISOString()).toBe('2026-10-15T23:00:00.000Z');
  expect(parseSendAt('2026-02-31 09:00', 'Europe/Moscow')).toBeUndefined();
  expect(parseSendAt('16.10.2026 09:00', 'Europe/Moscow')).toBeUndefined();
});
