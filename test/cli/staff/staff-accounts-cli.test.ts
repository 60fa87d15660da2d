// `vestnik staff list | disable | enable | update` against a real database.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../../src/cli/run-cli.js';
import { createSession, lookupSession } from '../../../src/modules/staff/sessions.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createSchoolFixture, createStaff, SECRET, testContext, type SchoolFixture } from '../../support/staff-fixture.js';

let db: TestDatabase;
let f: SchoolFixture;
let dir: string;
let env: NodeJS.ProcessEnv;
let teacherId: string;

function io(lang = 'ru') {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s), env: { ...env, VESTNIK_LANG: lang } } };
}

async function run(args: string[], lang = 'ru') {
  const r = io(lang);
  const code = await runCli(args, r.io);
  return { code, out: r.out.join('\n'), err: r.err.join('\n') };
}

beforeAll(async () => {
  db = await createTestDatabase();
  f = await createSchoolFixture(db.prisma);
  dir = await mkdtemp(path.join(os.tmpdir(), 'vestnik-staff-accounts-'));
  env = { DATABASE_URL: db.url, VESTNIK_SECRET: SECRET, VESTNIK_DATA_DIR: dir, PUBLIC_URL: 'https://vestnik.example', LOG_LEVEL: 'silent' };
  const ctx = testContext(db);
  await createStaff(ctx, { schoolId: f.schoolId, role: 'admin', email: 'head@school.test' });
  teacherId = await createStaff(ctx, { schoolId: f.schoolId, role: 'teacher', email: 'sidorov@school.test', classExternalId: '5a' });
  await db.prisma.staffUser.update({ where: { id: teacherId }, data: { fullName: 'Иван Сидоров', lastLoginAt: new Date('2026-10-14T21:30:00Z') } });
});

afterAll(async () => {
  await db.drop();
  await rm(dir, { recursive: true, force: true });
});

it('lists the staff as a table in the operator\'s language, and as JSON', async () => {
  const table = await run(['staff', 'list', '--school', f.schoolId]);
  expect(table.code).toBe(0);
  const lines = table.out.split('\n');
  expect(lines[0]).toMatch(/^Почта\s+\| Имя\s+\| Роль\s+\| Класс \| Статус\s+\| Последний вход$/);
  expect(table.out).toMatch(/sidorov@school\.test \| Иван Сидоров \| классный руководитель \| 5А\s+\| активен \| 15\.10\.2026, 00:30/);
  expect(table.out).toContain('head@school.test');

  const json = await run(['staff', 'list', '--school', f.schoolId, '--json'], 'en');
  expect(JSON.parse(json.out)).toEqual(
    expect.arrayContaining([expect.objectContaining({ email: 'sidorov@school.test', role: 'teacher', class: '5a', status: 'active', lastLoginAt: '2026-10-14T21:30:00.000Z' })]),
  );
  const unknown = await run(['staff', 'list', '--school', '00000000-0000-0000-0000-000000000000']);
  expect(unknown.code).toBe(1);
  expect(unknown.err).toContain('нет школы с id «00000000-0000-0000-0000-000000000000»');
});

it('disables an account, ending its sessions, and enables it again', async () => {
  const session = await createSession(db.prisma, SECRET, teacherId);
  const off = await run(['staff', 'disable', '--school', f.schoolId, '--email', 'Sidorov@School.test']);
  expect(off).toMatchObject({ code: 0, err: '' });
  expect(off.out).toBe('Учётная запись sidorov@school.test отключена; все её сеансы завершены.');
  expect(await lookupSession(db.prisma, SECRET, session.token)).toBeNull();
  expect(await db.prisma.auditLog.findFirst({ where: { action: 'staff.disable', targetId: teacherId } })).toMatchObject({ actorType: 'cli', actorId: null });
  expect((await run(['staff', 'disable', '--school', f.schoolId, '--email', 'sidorov@school.test'])).out).toContain('уже отключена');
  expect((await run(['staff', 'list', '--school', f.schoolId])).out).toMatch(/sidorov@school\.test .*\| отключён/);

  const on = await run(['staff', 'enable', '--school', f.schoolId, '--email', 'sidorov@school.test', '--json']);
  expect(JSON.parse(on.out)).toMatchObject({ email: 'sidorov@school.test', changed: true, status: 'active' });

  const last = await run(['staff', 'disable', '--school', f.schoolId, '--email', 'head@school.test']);
  expect(last.code).toBe(1);
  expect(last.err).toContain('это единственный действующий администратор школы');
  const nobody = await run(['staff', 'disable', '--school', f.schoolId, '--email', 'nobody@school.test'], 'en');
  expect(nobody.code).toBe(1);
  expect(nobody.err).toContain('there is no staff account nobody@school.test in this school');
});

it('changes role, class and name, with clear refusals', async () => {
  const moved = await run(['staff', 'update', '--school', f.schoolId, '--email', 'sidorov@school.test', '--class', '5b', '--name', 'Иван Петрович Сидоров']);
  expect(moved).toMatchObject({ code: 0, err: '' });
  expect(moved.out).toBe('Учётная запись sidorov@school.test изменена: классный руководитель, класс 5Б, имя Иван Петрович Сидоров.');
  expect(await db.prisma.staffUser.findUniqueOrThrow({ where: { id: teacherId } })).toMatchObject({ classId: f.classB.id, fullName: 'Иван Петрович Сидоров' });

  const noClass = await run(['staff', 'update', '--school', f.schoolId, '--email', 'sidorov@school.test', '--class', '9z']);
  expect(noClass.code).toBe(1);
  expect(noClass.err).toContain('в школе нет класса с id «9z»');
  const badRole = await run(['staff', 'update', '--school', f.schoolId, '--email', 'sidorov@school.test', '--role', 'owner']);
  expect(badRole.code).toBe(1);
  expect(badRole.err).toMatch(/owner/);
  const adminWithClass = await run(['staff', 'update', '--school', f.schoolId, '--email', 'sidorov@school.test', '--role', 'admin', '--class', '5a']);
  expect(adminWithClass.err).toContain('у администратора нет класса');
  const demoteLast = await run(['staff', 'update', '--school', f.schoolId, '--email', 'head@school.test', '--role', 'teacher', '--class', '5a']);
  expect(demoteLast.err).toContain('единственный действующий администратор');
  const nothing = await run(['staff', 'update', '--school', f.schoolId, '--email', 'head@school.test']);
  expect(nothing.err).toContain('нечего менять');

  const promoted = await run(['staff', 'update', '--school', f.schoolId, '--email', 'sidorov@school.test', '--role', 'admin', '--json']);
  expect(JSON.parse(promoted.out)).toMatchObject({ role: 'admin', class: null, changed: true });
  const audit = await db.prisma.auditLog.findMany({ where: { action: 'staff.update', targetId: teacherId }, orderBy: { id: 'asc' } });
  expect(audit.map((a) => a.actorType)).toEqual(['cli', 'cli']);
  // Now there are two admins, so the first may become the teacher of 5А.
  const taken = await run(['staff', 'update', '--school', f.schoolId, '--email', 'head@school.test', '--role', 'teacher', '--class', '5a']);
  expect(taken).toMatchObject({ code: 0 });
  // Sidorov is now the only admin who can sign in; a newcomer cannot take 5А either.
  expect((await run(['staff', 'update', '--school', f.schoolId, '--email', 'sidorov@school.test', '--role', 'teacher', '--class', '5b'])).err).toContain('единственный действующий администратор');
  const second = await run(['staff', 'add', '--school', f.schoolId, '--role', 'teacher', '--email', 'new@school.test', '--class', '5a'], 'en');
  expect(second.err).toContain('class 5А already has a class teacher: head@school.test');
});

it('documents the verbs in --help', async () => {
  const help = await run(['staff', '--help']);
  expect(help.out).toMatch(/list.*вывести сотрудников школы/);
  expect(help.out).toMatch(/disable.*отключить учётную запись/);
  expect(help.out).toMatch(/enable.*снова включить/);
  expect(help.out).toMatch(/update.*изменить роль, класс или имя/);
});
