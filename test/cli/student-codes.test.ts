// `vestnik codes issue --for students`: codes for the students themselves, beside the guardians' codes.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/run-cli.js';
import { createLogger } from '../../src/lib/logger.js';
import { previewCode } from '../../src/modules/consent/preview-code.js';
import { captureIo, TEST_SECRET } from '../support/context.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { seedRoster, type Roster } from '../modules/consent/seed-roster.js';

let db: TestDatabase;
let roster: Roster;
let dir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  roster = await seedRoster(db.prisma);
  dir = await mkdtemp(path.join(os.tmpdir(), 'vestnik-student-codes-'));
});
afterAll(async () => db.drop());

async function cli(args: string[]) {
  const capture = captureIo(db, { VESTNIK_DATA_DIR: dir });
  const code = await runCli(args, capture.io);
  return { code, out: capture.out.join('\n'), err: capture.err.join('\n') };
}

test('issues student codes, which leave the guardian codes alone and wait for a signed consent', async () => {
  const guardians = await cli(['codes', 'issue', '--school', roster.schoolId, '--class', 'c-5a', '--json']);
  expect(guardians.code).toBe(0);
  const students = await cli(['codes', 'issue', '--school', roster.schoolId, '--class', 'c-5a', '--for', 'students', '--json']);
  // Guardian codes are not "unused codes" of the students' set: the run is not refused.
  expect(students.code).toBe(0);
  const parsed = JSON.parse(students.out) as { for: string; codes: Array<{ code: string; status: string }> };
  expect(parsed.for).toBe('students');
  expect(parsed.codes).toHaveLength(2);
  expect(parsed.codes.every((c) => c.status === 'active')).toBe(true);
  expect(await db.prisma.consentCode.count({ where: { forStudent: true } })).toBe(2);
  expect(await db.prisma.consentCode.count({ where: { forStudent: false, status: 'issued' } })).toBe(2);
  // No consent comes with a student code.
  expect(await db.prisma.consentRecord.count()).toBe(0);
  const deps = { prisma: db.prisma, secret: TEST_SECRET, logger: createLogger('silent') };
  // The command issued the codes on the real clock, so they are checked on it too.
  expect(await previewCode(deps, { chatId: '77', text: parsed.codes[0]!.code })).toEqual({ kind: 'needs-consent' });

  const again = await cli(['codes', 'issue', '--school', roster.schoolId, '--class', 'c-5a', '--for', 'students']);
  expect(again.code).toBe(1);
});

test('--for accepts guardians or students only, and student codes print no consent forms', async () => {
  const wrong = await cli(['codes', 'issue', '--school', roster.schoolId, '--class', 'c-5a', '--for', 'teachers']);
  expect(wrong.code).not.toBe(0);
  const pdf = await cli(['codes', 'issue', '--school', roster.schoolId, '--class', 'c-5a', '--for', 'students', '--additional', '--pdf', path.join(dir, 'x.pdf')]);
  expect(pdf.code).toBe(1);
  expect(pdf.err).toContain('student codes are handed out as a list');
});
