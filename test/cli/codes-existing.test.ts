// `codes issue` run again on a class whose students still hold unused codes.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/run-cli.js';
import { redeemCode } from '../../src/modules/consent/redeem-code.js';
import { createLogger } from '../../src/lib/logger.js';
import { TEST_SECRET, captureIo } from '../support/context.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { seedRoster, type Roster } from '../modules/consent/seed-roster.js';

let db: TestDatabase;
let dir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  dir = await mkdtemp(path.join(os.tmpdir(), 'vestnik-codes-existing-'));
});
afterAll(async () => db.drop());

async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const capture = captureIo(db, { VESTNIK_DATA_DIR: dir, ...env });
  const code = await runCli(args, capture.io);
  return { code, out: capture.out.join('\n'), err: capture.err.join('\n') };
}

async function issue(roster: Roster, ...flags: string[]) {
  const result = await cli(['codes', 'issue', '--school', roster.schoolId, '--class', roster.classExternalId, '--json', ...flags]);
  return { ...result, codes: result.code === 0 ? (JSON.parse(result.out) as { codes: Array<{ code: string; studentExternalId: string }> }).codes : [] };
}

const unusedCodes = (roster: Roster) => db.prisma.consentCode.count({ where: { schoolId: roster.schoolId, status: { in: ['issued', 'active'] } } });

describe('vestnik codes issue on a class that already has unused codes', () => {
  it('refuses a second run: nothing issued, non-zero exit, how many students and both flags named', async () => {
    const roster = await seedRoster(db.prisma, { students: ['Петрова Мария', 'Иванов Иван', 'Сидоров Пётр'] });
    const first = await issue(roster);
    expect(first.code).toBe(0);
    // One student's code is used: only the other two still hold an unused one.
    await cli(['consent', 'record', '--school', roster.schoolId, '--code', first.codes[0]!.code, '--decision', 'signed']);
    expect(await redeemCode({ prisma: db.prisma, secret: TEST_SECRET, logger: createLogger('silent') }, { chatId: '701', text: first.codes[0]!.code })).toMatchObject({ kind: 'redeemed' });
    const before = await db.prisma.consentCode.count({ where: { schoolId: roster.schoolId } });

    const again = await issue(roster);
    expect(again.code).not.toBe(0);
    expect(again.err).toMatch(/already hold an unused code: 2 of 3; nothing was issued/);
    expect(again.err).toContain('--replace');
    expect(again.err).toContain('--additional');
    expect(await db.prisma.consentCode.count({ where: { schoolId: roster.schoolId } })).toBe(before);

    const russian = await cli(['codes', 'issue', '--school', roster.schoolId, '--class', roster.classExternalId], { VESTNIK_LANG: 'ru' });
    expect(russian.code).toBe(1);
    expect(russian.err).toMatch(/Неиспользованный код уже есть у 2 из 3 учеников класса 5А; ничего не выпущено\..*--replace.*--additional/);
    expect(await db.prisma.consentCode.count({ where: { schoolId: roster.schoolId } })).toBe(before);
  });

  it('--replace revokes the old unused codes, audited, and issues new ones that work', async () => {
    const roster = await seedRoster(db.prisma);
    const old = await issue(roster, '--active');
    const fresh = await issue(roster, '--replace', '--active');
    expect(fresh.code).toBe(0);
    expect(fresh.codes).toHaveLength(2);
    expect(JSON.parse(fresh.out)).toMatchObject({ revoked: 2 });
    expect(await unusedCodes(roster)).toBe(2);
    const oldIds = (await db.prisma.consentCode.findMany({ where: { schoolId: roster.schoolId, status: 'revoked' }, select: { id: true } })).map((c) => c.id);
    expect(oldIds).toHaveLength(2);
    expect(await db.prisma.auditLog.count({ where: { action: 'consent.code.revoke', targetId: { in: oldIds } } })).toBe(2);

    const deps = { prisma: db.prisma, secret: TEST_SECRET, logger: createLogger('silent') };
    expect(await redeemCode(deps, { chatId: '702', text: old.codes[0]!.code })).toMatchObject({ kind: 'invalid' });
    expect(await redeemCode(deps, { chatId: '703', text: fresh.codes[0]!.code })).toMatchObject({ kind: 'redeemed' });

    const text = await cli(['codes', 'issue', '--school', roster.schoolId, '--class', roster.classExternalId, '--replace']);
    expect(text.out).toContain('Earlier unused codes revoked: 1.');
  });

  it('--additional issues extra codes deliberately, and cannot be combined with --replace', async () => {
    const roster = await seedRoster(db.prisma);
    await issue(roster);
    const extra = await issue(roster, '--additional');
    expect(extra.code).toBe(0);
    expect(extra.codes.map((c) => c.studentExternalId).sort()).toEqual(['s-1', 's-2']);
    expect(await unusedCodes(roster)).toBe(4);

    const both = await issue(roster, '--additional', '--replace');
    expect(both.code).not.toBe(0);
    expect(await unusedCodes(roster)).toBe(4);
  });
});
