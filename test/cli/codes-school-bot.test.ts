// vestnik codes issue --pdf prints a school's own bots on its forms, without asking the
// default bots (which would refuse that school's codes); other schools get the default bots.
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/run-cli.js';
import { captureIo } from '../support/context.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { createFakeMax, type FakeMax } from '../support/fake-max/server.js';
import { createFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { seedRoster, type Roster } from '../modules/consent/seed-roster.js';

let db: TestDatabase;
let dir: string;
let telegram: FakeTelegram;
let max: FakeMax;
let own: Roster;
let shared: Roster;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  db = await createTestDatabase();
  dir = await mkdtemp(path.join(os.tmpdir(), 'vestnik-codes-bot-'));
  telegram = await createFakeTelegram({ botUsername: 'vestnik_default_bot' });
  max = await createFakeMax({ token: 'max-token-0123456789abcdef', botUsername: 'vestnik_default_max' });
  env = { TELEGRAM_BOT_TOKEN: '123456:TEST-TOKEN-abcdef', TELEGRAM_API_ROOT: telegram.apiRoot, MAX_BOT_TOKEN: max.token, MAX_API_ROOT: max.apiRoot };
  own = await seedRoster(db.prisma, { name: 'Лицей № 2' });
  shared = await seedRoster(db.prisma, { name: 'Школа № 17' });
  for (const r of [own, shared]) await db.prisma.school.update({ where: { id: r.schoolId }, data: { chatChannels: ['telegram', 'max'] } });
  await db.prisma.bot.create({ data: { schoolId: own.schoolId, type: 'telegram', externalId: '777001', username: 'licey2_tg_bot', tokenHint: 'abcd' } });
  await db.prisma.bot.create({ data: { schoolId: own.schoolId, type: 'max', externalId: '777002', username: 'licey2_max_bot', tokenHint: 'efgh' } });
});

afterAll(async () => {
  await db.drop();
  await telegram.close();
  await max.close();
});

async function printForms(schoolId: string): Promise<{ codes: string[]; links: string[] }> {
  const pdf = path.join(dir, `${schoolId}.pdf`);
  const capture = captureIo(db, { VESTNIK_DATA_DIR: dir, ...env });
  const code = await runCli(['codes', 'issue', '--school', schoolId, '--class', 'c-5a', '--json', '--pdf', pdf], capture.io);
  expect({ code, err: capture.err.join('\n') }).toEqual({ code: 0, err: '' });
  const codes = (JSON.parse(capture.out.join('\n')) as { codes: Array<{ code: string }> }).codes.map((c) => c.code);
  const links = [...(await readFile(pdf)).toString('latin1').matchAll(/\/URI \(([^)]*)\)/g)].map((m) => m[1] as string);
  return { codes, links };
}

test('a school with its own bots gets them on its forms; the default bots are not even asked', async () => {
  const { codes, links } = await printForms(own.schoolId);
  expect(links).toEqual(codes.flatMap((code) => [`https://t.me/licey2_tg_bot?start=${code}`, `https://max.ru/licey2_max_bot?start=${code}`]));
  expect(telegram.callsOf('getMe')).toHaveLength(0);
  expect(max.callsOf('GET /me')).toHaveLength(0);
});

test('a school without its own bots gets the default bots, as the messengers name them', async () => {
  const { codes, links } = await printForms(shared.schoolId);
  expect(links).toEqual(codes.flatMap((code) => [`https://t.me/vestnik_default_bot?start=${code}`, `https://max.ru/vestnik_default_max?start=${code}`]));
});
