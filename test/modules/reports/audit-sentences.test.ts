// Every audit action written anywhere in src/ has a sentence in Russian and English, and
// real entries read as sentences with their ids resolved to names.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { translator, getI18n } from '../../../src/i18n/index.js';
import { createAnnouncement } from '../../../src/modules/announcements/create-announcement.js';
import { issueConsentCodes } from '../../../src/modules/consent/issue-consent-codes.js';
import { issueApiKey } from '../../../src/modules/schools/issue-api-key.js';
import { revokeConsentCode } from '../../../src/modules/consent/revoke-consent-code.js';
import { describeAuditEntry, shortPersonName } from '../../../src/modules/reports/describe-audit-entry.js';
import { queryAuditLines } from '../../../src/modules/reports/query-audit-lines.js';
import { resolveAuditNames } from '../../../src/modules/reports/resolve-audit-names.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createSchoolFixture, createStaff, SECRET, testContext, type SchoolFixture } from '../../support/staff-fixture.js';

const SRC = path.resolve('src');
const ACTION = /^[a-z]+(\.[a-z_]+)+$/;
const NOT_ACTIONS = /\.(css|js|ts|json|html|png|svg|pdf|csv|webmanifest)$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'generated' ? [] : sourceFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

/** Literal `action: '…'` values (ternaries too), `*_ACTION = '…'` constants, and `'announcement.…'` / `'staff.…'` strings. */
function actionsInSource(): Map<string, string> {
  const found = new Map<string, string>();
  const add = (value: string, file: string) => {
    if (ACTION.test(value) && !NOT_ACTIONS.test(value) && !found.has(value)) found.set(value, path.relative(SRC, file));
  };
  for (const file of sourceFiles(SRC)) {
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/\baction: ([^,\n}]+)/g)) for (const q of (m[1] ?? '').matchAll(/'([^']+)'|"([^"]+)"/g)) add(q[1] ?? q[2] ?? '', file);
    for (const m of source.matchAll(/_ACTION\s*=\s*'([^']+)'/g)) add(m[1] ?? '', file);
    for (const m of source.matchAll(/'((?:announcement|staff|consent)\.[a-z_.]+)'/g)) add(m[1] ?? '', file);
  }
  return found;
}

test('every audit action in src/ has a sentence in ru and en', () => {
  const actions = actionsInSource();
  // The scan itself works: the actions known today are found.
  for (const known of ['consent.code.issue', 'consent.record', 'consent.refuse', 'staff.login', 'staff.login_failed', 'staff.password_reset_requested', 'family.signed_in', 'school.settings']) expect(actions.has(known)).toBe(true);
  const i18n = getI18n();
  const missing = [...actions].flatMap(([action, file]) =>
    (['ru', 'en'] as const).filter((lng) => !i18n.exists(`audit:sentence.${action}`, { lng, fallbackLng: false })).map((lng) => `${action} (${file}) has no sentence in locales/${lng}/audit.json`),
  );
  expect(missing).toEqual([]);
});

test('a sentence counted in Russian has every plural form, and each names what it counts', () => {
  const ru = JSON.parse(readFileSync('locales/ru/audit.json', 'utf8')) as { sentence: Record<string, unknown> };
  const en = JSON.parse(readFileSync('locales/en/audit.json', 'utf8')) as { sentence: Record<string, unknown> };
  const leaves = (node: unknown, prefix = ''): string[] =>
    typeof node === 'string' ? [prefix] : Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
  const ruKeys = new Set(leaves(ru.sentence));
  const enKeys = new Set(leaves(en.sentence));
  for (const key of ruKeys) {
    const base = key.replace(/_(one|few|many|other)$/, '');
    if (base === key) continue;
    for (const form of ['one', 'few', 'many', 'other']) expect(ruKeys).toContain(`${base}_${form}`);
    for (const form of ['one', 'other']) expect(enKeys).toContain(`${base}_${form}`);
  }
});

describe('sentences for real entries', () => {
  let db: TestDatabase;
  let one: SchoolFixture;

  beforeAll(async () => {
    db = await createTestDatabase();
    one = await createSchoolFixture(db.prisma);
  });
  afterAll(() => db.drop());

  test('codes issued and revoked read with the class, the count and the person', async () => {
    const ctx = testContext(db);
    const adminId = await createStaff(ctx, { schoolId: one.schoolId, role: 'admin', email: 'admin@school.test' });
    await db.prisma.staffUser.update({ where: { id: adminId }, data: { fullName: 'Ольга Петрова' } });
    const now = new Date('2026-10-15T12:00:00Z');
    const issued = await issueConsentCodes(db.prisma, SECRET, { schoolId: one.schoolId, classExternalId: '5a', now });
    const ivanovCode = issued.codes.find((c) => c.studentName === 'Иванов Пётр');
    await revokeConsentCode(db.prisma, SECRET, { id: ivanovCode?.codeId as string, schoolId: one.schoolId }, { actor: { type: 'admin', id: adminId }, now });
    const { lines } = await queryAuditLines(db.prisma, { schoolId: one.schoolId, action: 'consent.' });
    const names = await resolveAuditNames(db.prisma, one.schoolId, lines);
    const said = (lang: 'ru' | 'en') => lines.map((l) => describeAuditEntry(l, names, translator(lang))).map((d) => `${d.actor}: ${d.sentence}`);
    expect(said('ru')).toEqual(['Ольга Петрова (администратор): отозван код: Иванов Пётр, 5А', 'Командная строка: выданы 3 кода для 5А']);
    expect(said('en')).toEqual(['Ольга Петрова (administrator): revoked the code for Иванов Пётр, 5А', 'Command line: issued 3 codes for 5А']);
  });

  test('an integration is named by its key, a parent by surname and initial', async () => {
    const key = await issueApiKey(db.prisma, SECRET, one.schoolId, 'e-journal');
    const now = new Date('2026-10-15T12:00:00Z');
    await createAnnouncement(db.prisma, { type: 'api', schoolId: one.schoolId, id: key.id }, { audience: { kind: 'classes', classIds: [one.classA.id] }, text: 'Завтра уроки с 9:00.', ackRequired: false, urgent: false, sendAt: null }, now);
    await db.prisma.auditLog.create({ data: { schoolId: one.schoolId, actorType: 'guardian', actorId: one.guardians.ivanova, action: 'family.signed_in', targetType: 'guardian', targetId: one.guardians.ivanova } });
    const { lines } = await queryAuditLines(db.prisma, { schoolId: one.schoolId, action: 'announcement.create' });
    const parents = await queryAuditLines(db.prisma, { schoolId: one.schoolId, actor: 'guardian' });
    const all = [...lines, ...parents.lines];
    const names = await resolveAuditNames(db.prisma, one.schoolId, all);
    const said = all.map((l) => describeAuditEntry(l, names, translator('ru')));
    expect(said[0]?.actor).toBe(`Интеграция (ключ ${key.key.slice(0, 10)}…)`);
    expect(said[0]?.sentence).toMatch(/^создано объявление/);
    expect(said.at(-1)).toEqual({ actor: 'Родитель Иванова Е.', sentence: 'вход на семейную страницу' });
  });

  test('a parent is named by surname and initial; an unknown action still reads', () => {
    expect(shortPersonName('Иванова Анна Сергеевна')).toBe('Иванова А.');
    const line = { id: '1', createdAt: new Date(), actorType: 'system', actorId: null, action: 'something.new', targetType: null, targetIds: [], count: 1, details: [] };
    const empty = { staff: new Map(), guardians: new Map(), apiKeys: new Map(), targets: new Map(), schoolName: '' };
    expect(describeAuditEntry(line, empty, translator('ru'))).toEqual({ actor: 'Система', sentence: 'something.new' });
  });
});
