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
