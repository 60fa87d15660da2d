import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/run-cli.js';
import { redeemCode } from '../../src/modules/consent/redeem-code.js';
import { createLogger } from '../../src/lib/logger.js';
import { createFakeMax } from '../support/fake-max/server.js';
import { createFakeTelegram } from '../support/fake-telegram.js';
import { TEST_SECRET } from '../support/context.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { captureIo } from '../support/context.js';
import { seedRoster, type Roster } from '../modules/consent/seed-roster.js';

let db: TestDatabase;
let roster: Roster;
let dir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  roster = await seedRoster(db.prisma);
  dir = await mkdtemp(path.join(os.tmpdir(), 'vestnik-codes-'));
});
afterAll(async () => db.drop());

async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const capture = captureIo(db, { VESTNIK_DATA_DIR: dir, ...env });
  const code = await runCli(args, capture.io);
  return { code, out: capture.out.join('\n'), err: capture.err.join('\n') };
}

describe('vestnik codes and vestnik consent', () => {
  it('issues codes as text, JSON, CSV and printable PDF forms', async () => {
    const text = await cli(['codes', 'issue', '--school', roster.schoolId, '--class', 'c-5a']);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/^Codes issued: 2 — class 5А, Школа № 17/);
    expect(text.out).toMatch(/\ncode +\| student id \| student +\| status\n/);
    expect(text.out).toMatch(/\n[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2} \| s-2 +\| Иванов Иван Иванович +\| issued, awaiting form\n/);

    const csv = path.join(dir, 'codes.csv');
    const pdf = path.join(dir, 'forms.pdf');
    const json = await cli(['codes', 'issue', '--school', roster.schoolId, '--class', 'c-5a', '--per-student', '2', '--active', '--additional', '--json', '--csv', csv, '--pdf', pdf, '--bot-username', '@vestnik_school_bot', '--max-bot-username', '@vestnik_school_bot']);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.out) as { codes: Array<{ code: string; studentExternalId: string; status: string }> };
    expect(parsed.codes).toHaveLength(4);
    expect(parsed.codes.every((c) => c.status === 'active')).toBe(true);
    const lines = (await readFile(csv, 'utf8')).trim().split('\n');
    expect(lines[0]).toBe('code,studentExternalId,studentName,className,status,expiresAt');
    expect(lines[1]).toContain(parsed.codes[0]!.code);
    const bytes = await readFile(pdf);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(4);
  });

  it('--pdf without the bot of an offered messenger is refused before any code is issued, naming what to set', async () => {
    const before = await db.prisma.consentCode.count();
    const result = await cli(['codes', 'issue', '--school', roster.schoolId, '--class', 'c-5a', '--pdf', path.join(dir, 'x.pdf')]);
    expect(result.code).toBe(1);
    // The school offers Telegram, then MAX: each missing bot is named, the first one first.
    expect(result.err).toBe('Error: the forms need the username of the Telegram bot: set TELEGRAM_BOT_TOKEN or pass --bot-username');
    const noMax = await cli(['codes', 'issue', '--school', roster.schoolId, '--class', 'c-5a', '--pdf', path.join(dir, 'x.pdf'), '--bot-username', 'school17_bot'], { VESTNIK_LANG: 'ru' });
    expect(noMax.err).toBe('Ошибка: для бланков нужен адрес бота MAX: задайте MAX_BOT_TOKEN или укажите --max-bot-username');
    expect(await db.prisma.consentCode.count()).toBe(before);
  });

  it('asks MAX for its bot username and prints a Telegram and a MAX link on each form, in the school order', async () => {
    const max = await createFakeMax({ token: 'max-token-0123456789abcdef', botUsername: 'school17_max_bot' });
    try {
      const pdf = path.join(dir, 'forms-max.pdf');
      const env = { MAX_BOT_TOKEN: max.token, MAX_API_ROOT: max.apiRoot };
      const issued = await cli(['codes', 'issue', '--school', roster.schoolId, '--class', 'c-5a', '--additional', '--json', '--pdf', pdf, '--bot-username', 'school17_bot'], env);
      expect(issued.code).toBe(0);
      expect(max.callsOf('GET /me')).toHaveLength(1);
      const codes = (JSON.parse(issued.out) as { codes: Array<{ code: string }> }).codes.map((c) => c.code);
      const links = [...(await readFile(pdf)).toString('latin1').matchAll(/\/URI \(([^)]*)\)/g)].map((m) => m[1]);
      expect(links).toEqual(codes.flatMap((code) => [`https://t.me/school17_bot?start=${code}`, `https://max.ru/school17_max_bot?start=${code}`]));
      // A token MAX refuses: nothing is issued, and the message says what to check.
      const before = await db.prisma.consentCode.count();
      const refused = await cli(['codes', 'issue', '--school', roster.schoolId, '--class', 'c-5a', '--additional', '--pdf', pdf, '--bot-username', 'school17_bot'], { ...env, MAX_BOT_TOKEN: 'another-token-0123456789' });
      expect(refused.code).toBe(1);
      expect(refused.err).toBe('Error: the MAX bot did not tell its username (MAX answered GET /me with 401); check its token and the connection, or pass --max-bot-username');
      expect(await db.prisma.consentCode.count()).toBe(before);
    } finally {
      await max.close();
    }
  });

  it('lists codes without the codes, revokes, records, withdraws', async () => {
    const issued = JSON.parse((await cli(['codes', 'issue', '--school', roster.schoolId, '--class', 'c-5a', '--additional', '--json'])).out) as { codes: Array<{ code: string }> };
    const [a, b] = issued.codes;
    const recorded = await cli(['consent', 'record', '--school', roster.schoolId, '--code', a!.code, '--decision', 'signed', '--guardian-name', 'Петрова Анна', '--phone', '+79140000000', '--channel', 'paper', '--document-date', '2025-09-01', '--json']);
    expect(recorded.code).toBe(0);
    const result = JSON.parse(recorded.out) as { guardianId: string; codeStatus: string; emailSent: boolean };
    expect(result).toMatchObject({ codeStatus: 'active', emailSent: false });

    const more = JSON.parse((await cli(['codes', 'issue', '--school', roster.schoolId, '--class', 'c-5a', '--additional', '--json'])).out) as { codes: Array<{ code: string }> };
    const c = more.codes[0];
    const human = await cli(['consent', 'record', '--school', roster.schoolId, '--code', c!.code, '--decision', 'signed', '--guardian-name', 'Орлова Нина', '--channel', 'paper'], { VESTNIK_LANG: 'ru' });
    expect(human.out).toMatch(/^Согласие зарегистрировано: Орлова Нина, родитель \(законный представитель\) ученика: .+; код активен\. id родителя для других команд \(например, consent withdraw\): [0-9a-f-]{36}\.$/);

    const revoked = await cli(['codes', 'revoke', b!.code]);
    expect(revoked).toMatchObject({ code: 0, out: 'Code revoked (was: issued, awaiting form).' });
    expect((await cli(['codes', 'revoke', b!.code])).code).toBe(1);

    const list = await cli(['codes', 'list', '--school', roster.schoolId, '--class', 'c-5a']);
    expect(list.code).toBe(0);
    expect(list.out).not.toContain(a!.code);
    expect(list.out).toMatch(/Петрова Мария Александровна \(s-1\) +\| 5А +\| parent +\| active +\| consent +\| \d{2}\/\d{2}\/\d{4}, \d{2}:\d{2}/);
    expect(list.out).toContain('revoked');
    const listJson = JSON.parse((await cli(['codes', 'list', '--school', roster.schoolId, '--json'])).out) as unknown[];
    expect(listJson.length).toBeGreaterThanOrEqual(8);

    const withdrawn = await cli(['consent', 'withdraw', '--school', roster.schoolId, '--guardian', result.guardianId]);
    expect(withdrawn.code).toBe(0);
    // The parent is named by name and child; no id stands in for a person.
    expect(withdrawn.out).toMatch(/^Consent withdrawn: Петрова Анна, parent \(legal guardian\) of [А-ЯЁа-яё ]+\. Contacts erased, links to children removed; queued messages cancelled: 0\.$/);
    expect(await db.prisma.guardian.findUnique({ where: { id: result.guardianId } })).toMatchObject({ status: 'withdrawn', fullName: null, phone: null });
    const again = await cli(['consent', 'withdraw', '--school', roster.schoolId, '--guardian', result.guardianId], { VESTNIK_LANG: 'ru' });
    // When, on the school's clock and in the operator's format, never ISO UTC.
    expect(again.out).toMatch(/^Согласие этого родителя \(законного представителя\) уже отозвано: \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}\.$/);
  });

  it('asks Telegram for the bot username, and tells a redeemed chat about a withdrawal from the command line', async () => {
    const telegram = await createFakeTelegram({ botUsername: 'school17_bot' });
    // A school of the Telegram era: its forms need only the Telegram bot.
    await db.prisma.school.update({ where: { id: roster.schoolId }, data: { chatChannels: ['telegram'] } });
    try {
      const env = { TELEGRAM_BOT_TOKEN: '123456:TEST-TOKEN-abcdef', TELEGRAM_API_ROOT: telegram.apiRoot };
      const pdf = path.join(dir, 'forms-getme.pdf');
      const issued = await cli(['codes', 'issue', '--school', roster.schoolId, '--class', 'c-5a', '--active', '--additional', '--json', '--pdf', pdf], env);
      expect(issued.code).toBe(0);
      expect(telegram.callsOf('getMe')).toHaveLength(1);
      expect((await readFile(pdf)).subarray(0, 5).toString()).toBe('%PDF-');
      const code = (JSON.parse(issued.out) as { codes: Array<{ code: string }> }).codes[0]!.code;
      const redeemed = await redeemCode({ prisma: db.prisma, secret: TEST_SECRET, logger: createLogger('silent') }, { chatId: '555', text: code });
      const guardianId = (redeemed as { guardianId: string }).guardianId;
      // The guardian is told in their own language (the school's), not the admin's.
      const withdrawn = await cli(['consent', 'withdraw', '--school', roster.schoolId, '--guardian', guardianId, '--json'], env);
      expect(JSON.parse(withdrawn.out)).toMatchObject({ guardianId, told: 1, alreadyWithdrawn: false });
      expect(telegram.sentMessages(555).map((m) => m.text)).toEqual(['Ваше согласие на обработку персональных данных отозвано. Мы больше ничего не будем присылать, ваши контактные данные удалены.']);
      expect(await db.prisma.channel.count({ where: { address: '555' } })).toBe(0);
    } finally {
      await db.prisma.school.update({ where: { id: roster.schoolId }, data: { chatChannels: ['telegram', 'max'] } });
      await telegram.close();
    }
  });

  it('prints Russian when the language is Russian', async () => {
    const result = await cli(['codes', 'list', '--school', roster.schoolId], { VESTNIK_LANG: 'ru' });
    expect(result.out).toMatch(/^ученик +\| класс +\| для кого +\| статус +\| решение/);
    expect(result.out).toMatch(/ \| выпущен, ждёт бланк +\| /);
  });

  it('bad input gets a clear error and a non-zero exit', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['codes', 'issue', '--school', 'nope', '--class', 'c-5a'], /unknown school "nope"/],
      [['codes', 'issue', '--school', roster.schoolId, '--class', 'c-11z'], /unknown class "c-11z"/],
      [['codes', 'issue', '--school', roster.schoolId, '--class', 'c-5a', '--per-student', 'two'], /--per-student must be a whole number/],
      [['codes', 'issue', '--school', roster.schoolId], /required option '--class/],
      [['codes', 'list', '--school', roster.schoolId, '--class', 'c-0'], /unknown class "c-0"/],
      [['codes', 'revoke', 'AAAA-BBBB-CCCC-DD'], /no such code/],
      [['consent', 'record', '--school', roster.schoolId, '--code', 'AAAA-BBBB-CCCC-DD', '--decision', 'maybe'], /--decision must be one of signed, refused/],
      [['consent', 'record', '--school', roster.schoolId, '--code', 'AAAA-BBBB-CCCC-DD', '--decision', 'signed'], /no such code in this school/],
      [['consent', 'withdraw', '--school', roster.schoolId, '--guardian', '00000000-0000-4000-8000-000000000000'], /unknown guardian/],
    ];
    for (const [args, message] of cases) {
      const result = await cli(args);
      expect({ args, code: result.code }).toEqual({ args, code: 1 });
      expect(result.err).toMatch(message);
    }
  });
});
