import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { runCli } from '../../../src/cli/run-cli.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createSchoolFixture, SECRET, type SchoolFixture } from '../../support/staff-fixture.js';

let db: TestDatabase;
let f: SchoolFixture;
let dir: string;
let env: NodeJS.ProcessEnv;

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s), env } };
}

beforeAll(async () => {
  db = await createTestDatabase();
  f = await createSchoolFixture(db.prisma);
  dir = await mkdtemp(path.join(os.tmpdir(), 'vestnik-staff-cli-'));
  env = { DATABASE_URL: db.url, VESTNIK_SECRET: SECRET, VESTNIK_DATA_DIR: dir, PUBLIC_URL: 'https://vestnik.example', VESTNIK_LANG: 'en', LOG_LEVEL: 'silent' };
});

afterAll(async () => {
  await db.drop();
  await rm(dir, { recursive: true, force: true });
});

it('adds a teacher, prints the one-time link and emails it', async () => {
  const run = io();
  const code = await runCli(['staff', 'add', '--school', f.schoolId, '--role', 'teacher', '--email', 'kr5a@school.test', '--class', '5a', '--json'], run.io);
  expect(run.err).toEqual([]);
  expect(code).toBe(0);
  const result = JSON.parse(run.out.join('\n'));
  expect(result).toMatchObject({ email: 'kr5a@school.test', role: 'teacher', classId: f.classA.id, emailed: true });
  expect(result.inviteUrl).toMatch(/^https:\/\/vestnik\.example\/staff\/invite\//);
  const files = await readdir(path.join(dir, 'outbox'));
  const mail = await simpleParser(await readFile(path.join(dir, 'outbox', files[0] as string)));
  expect(mail.subject).toContain('Школа №1');
  expect(mail.text).toContain(result.inviteUrl);
});

it('refuses a teacher without a class', async () => {
  const run = io();
  expect(await runCli(['staff', 'add', '--school', f.schoolId, '--role', 'teacher', '--email', 'x@school.test'], run.io)).toBe(1);
  expect(run.err.join('\n')).toMatch(/--class/);
});

it('prints the acknowledgment report as CSV and JSON and writes a PDF', async () => {
  const csv = io();
  expect(await runCli(['report', 'acks', '--school', f.schoolId, '--class', '5a', '--format', 'csv'], csv.io)).toBe(0);
  expect(csv.out.join('\n')).toContain('Иванова Елена');
  const json = io();
  expect(await runCli(['report', 'acks', '--school', f.schoolId, '--class', '5a', '--format', 'json'], json.io)).toBe(0);
  expect(JSON.parse(json.out.join('\n')).rows).toHaveLength(3);
  const out = path.join(dir, 'acks.pdf');
  expect(await runCli(['report', 'acks', '--school', f.schoolId, '--class', '5a', '--format', 'pdf', '--out', out], io().io)).toBe(0);
  expect((await readFile(out)).subarray(0, 5).toString()).toBe('%PDF-');
  const noOut = io();
  expect(await runCli(['report', 'acks', '--school', f.schoolId, '--class', '5a', '--format', 'pdf'], noOut.io)).toBe(1);
});

it('writes the summary sheet as XLSX and CSV', async () => {
  const out = path.join(dir, 'finals.xlsx');
  expect(await runCli(['report', 'finals', '--school', f.schoolId, '--class', '5a', '--period', 'q1', '--format', 'xlsx', '--out', out], io().io)).toBe(0);
  expect((await readFile(out)).subarray(0, 2).toString()).toBe('PK');
  const csvOut = path.join(dir, 'finals.csv');
  expect(await runCli(['report', 'finals', '--school', f.schoolId, '--class', '5a', '--period', 'q1', '--out', csvOut], io().io)).toBe(0);
  const bytes = await readFile(csvOut);
  expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  expect(bytes.toString('utf8')).toContain('болезнь');
  const unknown = io();
  expect(await runCli(['report', 'finals', '--school', f.schoolId, '--class', '9z', '--period', 'q1'], unknown.io)).toBe(1);
  expect(unknown.err.join('\n')).toMatch(/9z/);
});

it('shows the invitation deadline on the school clock (Moscow, UTC+3) in the operator\'s language and in the email', async () => {
  const run = io();
  run.io.env = { ...env, VESTNIK_LANG: 'ru' };
  expect(await runCli(['staff', 'add', '--school', f.schoolId, '--role', 'admin', '--email', 'deadline@school.test'], run.io)).toBe(0);
  const user = await db.prisma.staffUser.findFirstOrThrow({ where: { email: 'deadline@school.test' } });
  // Moscow has kept UTC+3 all year since 2014, so the wall time is the stored instant plus three hours.
  const [date, time] = new Date(user.inviteExpiresAt!.getTime() + 3 * 3600_000).toISOString().split('T') as [string, string];
  const [y, m, d] = date.split('-');
  const local = `${d}.${m}.${y}, ${time.slice(0, 5)}`;
  const printed = run.out.join('\n');
  expect(printed).toContain(`действует до ${local}):`);
  // The role in the operator's language, not the option's value.
  expect(printed).toContain('Учётная запись создана (администратор): deadline@school.test');
  expect(printed).not.toMatch(/\d{4}-\d{2}-\d{2}T/);

  const files = await readdir(path.join(dir, 'outbox'));
  const texts = await Promise.all(files.map(async (file) => (await simpleParser(await readFile(path.join(dir, 'outbox', file)))).text ?? ''));
  const mail = texts.find((text) => text.includes(`действует до ${local})`));
  expect(mail).toBeDefined();
  expect(mail).not.toContain('UTC');
});
