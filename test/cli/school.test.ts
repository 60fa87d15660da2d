import { runCli } from '../../src/cli/run-cli.js';
import { hashApiKey } from '../../src/modules/schools/issue-api-key.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { captureIo, TEST_SECRET } from '../support/context.js';

describe('vestnik school create', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('creates a school and prints its id and an API key that is stored only hashed (--json)', async () => {
    const { io, out, err } = captureIo(db);
    const code = await runCli(['school', 'create', '--name', 'Школа № 7', '--timezone', 'Asia/Vladivostok', '--json'], io);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const result = JSON.parse(out.join('\n')) as { id: string; apiKey: string; timezone: string; locale: string };
    expect(result).toMatchObject({ name: 'Школа № 7', timezone: 'Asia/Vladivostok', locale: 'ru' });
    const school = await db.prisma.school.findUniqueOrThrow({ where: { id: result.id }, include: { apiKeys: true } });
    expect(school.timezone).toBe('Asia/Vladivostok');
    expect(school.apiKeys).toHaveLength(1);
    expect(school.apiKeys[0]?.keyHash).toBe(hashApiKey(TEST_SECRET, result.apiKey));
    expect(JSON.stringify(school.apiKeys)).not.toContain(result.apiKey);
    const audit = await db.prisma.auditLog.findMany({ where: { schoolId: result.id } });
    expect(audit.map((a) => a.action)).toEqual(['school.create']);
  });

  it('prints a readable result without --json, in the operator language', async () => {
    const { io, out } = captureIo(db, { VESTNIK_LANG: 'ru' });
    const code = await runCli(['school', 'create', '--name', 'Лицей', '--timezone', 'Europe/Moscow', '--locale', 'en'], io);
    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(/Школа создана[\s\S]*Europe\/Moscow[\s\S]*API-ключ[^:]*: vsk_/);
  });

  it('rejects an unknown time zone with a clear error and writes nothing', async () => {
    const before = await db.prisma.school.count();
    const { io, err } = captureIo(db);
    const code = await runCli(['school', 'create', '--name', 'X', '--timezone', 'Mars/Olympus'], io);
    expect(code).not.toBe(0);
    expect(err.join('\n')).toMatch(/unknown time zone "Mars\/Olympus"/);
    expect(await db.prisma.school.count()).toBe(before);
  });

  it('rejects missing options, bad choices, unknown flags and unknown commands with usage', async () => {
    const cases: string[][] = [
      ['school', 'create', '--timezone', 'Europe/Moscow'],
      ['school', 'create', '--name', 'X', '--timezone', 'Europe/Moscow', '--locale', 'de'],
      ['school', 'create', '--name', 'X', '--timezone', 'Europe/Moscow', '--colour', 'red'],
      ['frobnicate'],
    ];
    for (const argv of cases) {
      const { io, err } = captureIo(db);
      const code = await runCli(argv, io);
      expect(code).not.toBe(0);
      expect(err.join('\n')).toMatch(/error|unknown|missing|invalid/i);
    }
  });

  it('stops with a message naming a bad environment variable', async () => {
    const { io, err } = captureIo(db, { PORT: 'abc' });
    const code = await runCli(['school', 'create', '--name', 'X', '--timezone', 'Europe/Moscow'], io);
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(/PORT/);
  });
});

describe('vestnik school: chat channels and digests over MAX', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
    const { io, out, err } = captureIo(db, env);
    const code = await runCli(args, io);
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('a new school offers MAX alone unless told otherwise; --json shows chatChannels and maxDigests', async () => {
    const plain = await cli(['school', 'create', '--name', 'Школа № 3', '--timezone', 'Europe/Moscow', '--json']);
    expect(plain.code).toBe(0);
    const created = JSON.parse(plain.out) as { id: string; chatChannels: string[]; maxDigests: boolean };
    expect(created).toMatchObject({ chatChannels: ['max'], maxDigests: true });
    expect((await db.prisma.school.findUniqueOrThrow({ where: { id: created.id } })).chatChannels).toEqual(['max']);

    const both = JSON.parse((await cli(['school', 'create', '--name', 'Школа № 4', '--timezone', 'Europe/Moscow', '--chat-channels', 'telegram,max', '--json'])).out) as { id: string; chatChannels: string[] };
    expect(both.chatChannels).toEqual(['telegram', 'max']);
    expect((await db.prisma.school.findUniqueOrThrow({ where: { id: both.id } })).chatChannels).toEqual(['telegram', 'max']);
  });

  it('school update changes the channels in the given order and the MAX digests, and audits it', async () => {
    const id = (JSON.parse((await cli(['school', 'create', '--name', 'Гимназия', '--timezone', 'Europe/Moscow', '--json'])).out) as { id: string }).id;
    const updated = await cli(['school', 'update', '--school', id, '--chat-channels', 'max,telegram', '--max-digests', 'off', '--json']);
    expect(updated).toMatchObject({ code: 0, err: '' });
    expect(JSON.parse(updated.out)).toEqual({ id, name: 'Гимназия', chatChannels: ['max', 'telegram'], maxDigests: false });
    expect(await db.prisma.school.findUniqueOrThrow({ where: { id }, select: { chatChannels: true, maxDigests: true } })).toEqual({ chatChannels: ['max', 'telegram'], maxDigests: false });

    const text = await cli(['school', 'update', '--school', id, '--chat-channels', 'telegram', '--max-digests', 'on'], { VESTNIK_LANG: 'ru' });
    expect(text.code).toBe(0);
    expect(text.out).toBe('Настройки школы сохранены: Гимназия.\n  мессенджеры: telegram\n  сводки в MAX: присылаются');
    const audit = await db.prisma.auditLog.findMany({ where: { schoolId: id, action: 'school.settings' }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.details)).toEqual([
      { before: { chatChannels: ['max'], maxDigests: true }, after: { chatChannels: ['max', 'telegram'], maxDigests: false } },
      { before: { chatChannels: ['max', 'telegram'], maxDigests: false }, after: { chatChannels: ['telegram'], maxDigests: true } },
    ]);
  });

  it('refuses a bad list with a message naming what is wrong, in the operator language, and changes nothing', async () => {
    const id = (JSON.parse((await cli(['school', 'create', '--name', 'Лицей № 2', '--timezone', 'Europe/Moscow', '--json'])).out) as { id: string }).id;
    const cases: Array<[string[], NodeJS.ProcessEnv, RegExp]> = [
      [['--chat-channels', 'max,whatsapp'], {}, /--chat-channels: "whatsapp" is not a messenger Vestnik supports; choose from: max, telegram/],
      [['--chat-channels', 'max,telegram,max'], {}, /--chat-channels: "max" is given twice/],
      [['--chat-channels', ' , '], {}, /--chat-channels: the list of messengers is empty/],
      [['--chat-channels', 'viber'], { VESTNIK_LANG: 'ru' }, /--chat-channels: «viber» — не мессенджер, который поддерживает Вестник; допустимы: max, telegram/],
      [['--chat-channels', 'telegram,telegram'], { VESTNIK_LANG: 'ru' }, /«telegram» указан дважды/],
      [['--max-digests', 'maybe'], {}, /'maybe' is not a valid value for '--max-digests <state>'. Allowed: on, off/],
      [[], {}, /nothing to change: give --chat-channels, --max-digests, --telegram-token, --max-token/],
    ];
    for (const [args, env, message] of cases) {
      const result = await cli(['school', 'update', '--school', id, ...args], env);
      expect({ args, code: result.code }).toEqual({ args, code: 1 });
      expect(result.err).toMatch(message);
    }
    const created = await cli(['school', 'create', '--name', 'X', '--timezone', 'Europe/Moscow', '--chat-channels', 'icq']);
    expect(created.code).toBe(1);
    expect(created.err).toMatch(/"icq" is not a messenger/);
    expect(await db.prisma.school.count({ where: { name: 'X' } })).toBe(0);
    expect(await db.prisma.school.findUniqueOrThrow({ where: { id }, select: { chatChannels: true, maxDigests: true } })).toEqual({ chatChannels: ['max'], maxDigests: true });
    expect((await cli(['school', 'update', '--school', 'nope', '--max-digests', 'off'])).err).toMatch(/unknown school "nope"/);
  });
});
