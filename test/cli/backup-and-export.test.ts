// The operator's commands for backups and data-subject requests, as they run them.
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/run-cli.js';
import { captureIo } from '../support/context.js';
import { createEmptyDatabase, createTestDatabase, type TestDatabase } from '../support/db.js';
import { createFamily } from '../modules/notifications/fixtures.js';

let db: TestDatabase;
let dir: string;
beforeAll(async () => {
  db = await createTestDatabase();
  dir = await mkdtemp(path.join(os.tmpdir(), 'vestnik-cli-backup-'));
});
afterAll(async () => {
  await db.drop();
});

describe('vestnik backup, restore and guardian export', () => {
  test('backup, then restore into an empty database; a second restore is refused in the operator’s language', async () => {
    await createFamily(db.prisma, { email: 'anna@example.test' });
    const file = path.join(dir, 'school.vbk');
    const backup = captureIo(db);
    expect(await runCli(['backup', '--out', file, '--json'], backup.io)).toBe(0);
    expect(JSON.parse(backup.out.join('\n')).tables.guardians).toBe(1);

    const target = await createEmptyDatabase();
    try {
      const restore = captureIo(target);
      expect(await runCli(['restore', file], restore.io)).toBe(0);
      expect(restore.out.join('\n')).toMatch(/^Database restored: \d+ tables, \d+ rows\.$/);
      const again = captureIo(target, { VESTNIK_LANG: 'ru' });
      expect(await runCli(['restore', file], again.io)).toBe(1);
      expect(again.err.join('\n')).toContain('База данных не пуста');
      expect(await runCli(['restore', file, '--force'], captureIo(target).io)).toBe(0);
    } finally {
      await target.drop();
    }

    // An empty data folder: the command starts the embedded PostgreSQL there and restores into it.
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vestnik-restore-data-'));
    const fresh = { ...captureIo(db).io, env: { VESTNIK_DATA_DIR: dataDir, VESTNIK_SECRET: 'test-secret-0123456789abcdef', LOG_LEVEL: 'silent', VESTNIK_LANG: 'en' } };
    expect(await runCli(['restore', file], fresh)).toBe(0);
    const check = captureIo(db);
    expect(await runCli(['backup', '--out', path.join(dir, 'again.vbk'), '--json'], { ...check.io, env: fresh.env })).toBe(0);
    expect(JSON.parse(check.out.join('\n')).tables.channels).toBe(2);
  });

  test('guardian export writes everything about one family, only that family, and is audited', async () => {
    const family = await createFamily(db.prisma, { email: 'olga@example.test', telegramChat: '777001' });
    await createFamily(db.prisma, { schoolId: family.schoolId, email: 'other@example.test', telegramChat: '777002' });
    await db.prisma.viewEvent.create({ data: { schoolId: family.schoolId, guardianId: family.guardianId, studentId: family.studentId, view: 'marks', channelType: 'telegram' } });
    const out = path.join(dir, 'family.json');
    const run = captureIo(db);
    expect(await runCli(['guardian', 'export', '--school', family.schoolId, '--guardian', family.guardianId, '--out', out], run.io)).toBe(0);
    const text = await readFile(out, 'utf8');
    const data = JSON.parse(text);
    expect(data.guardian[0].fullName).toMatch(/^Иванова Анна/);
    expect(data.children.map((c: { fullName: string }) => c.fullName)).toEqual([expect.stringMatching(/^Иванов Пётр/)]);
    expect(data.channels.map((c: { address: string }) => c.address).sort()).toEqual(['777001', 'olga@example.test']);
    expect(data.consentRecords).toHaveLength(1);
    expect(data.views).toHaveLength(1);
    expect(text).not.toContain('other@example.test');
    expect(text).not.toContain('777002');
    expect((await stat(out)).mode & 0o777).toBe(0o600);
    const audit = await db.prisma.auditLog.findMany({ where: { action: 'guardian.export', targetId: family.guardianId } });
    expect(audit).toHaveLength(1);
    // The audit row says that an export happened, not what it contained.
    expect(JSON.stringify(audit[0]!.details)).not.toContain('olga@example.test');

    const wrongSchool = captureIo(db);
    const other = await createFamily(db.prisma, {});
    expect(await runCli(['guardian', 'export', '--school', other.schoolId, '--guardian', family.guardianId, '--out', out], wrongSchool.io)).toBe(1);
    expect(wrongSchool.err.join('\n')).toContain('no guardian');
  });
});
