// `codes list` as an operator reads it: every row under its header, dates in the school's zone.
import { runCli } from '../../src/cli/run-cli.js';
import { issueConsentCodes } from '../../src/modules/consent/issue-consent-codes.js';
import { revokeConsentCode } from '../../src/modules/consent/revoke-consent-code.js';
import { TEST_SECRET, captureIo } from '../support/context.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { seedRoster, type Roster } from '../modules/consent/seed-roster.js';

let db: TestDatabase;
let roster: Roster;

beforeAll(async () => {
  db = await createTestDatabase();
  // Asia/Vladivostok is UTC+10: 04:30 UTC is 14:30 there. The list marks a code expired by
  // the real clock, so the codes live 3,650 days (to 22.11.2036) and stay unexpired whatever today is.
  roster = await seedRoster(db.prisma);
  await db.prisma.school.update({ where: { id: roster.schoolId }, data: { codeLifetimeDays: 3650 } });
  const now = new Date('2026-11-25T04:30:00Z');
  const [first] = (await issueConsentCodes(db.prisma, TEST_SECRET, { schoolId: roster.schoolId, classExternalId: 'c-5a', now })).codes;
  await revokeConsentCode(db.prisma, TEST_SECRET, first!.code, { now: new Date('2026-11-26T13:05:00Z') });
});
afterAll(async () => db.drop());

async function list(lang: 'en' | 'ru') {
  const capture = captureIo(db, { VESTNIK_LANG: lang });
  const code = await runCli(['codes', 'list', '--school', roster.schoolId], capture.io);
  return { code, lines: capture.out.join('\n').split('\n') };
}

/** Where each column starts, read from the " | " separators. */
const columnStarts = (line: string) => [...line.matchAll(/ \| /g)].map((m) => m.index);

describe('vestnik codes list', () => {
  it.each(['en', 'ru'] as const)('puts every value under its header column (%s)', async (lang) => {
    const { code, lines } = await list(lang);
    expect(code).toBe(0);
    const [header, ...rows] = lines;
    expect(header!.split(' | ')).toHaveLength(10);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.split(' | ')).toHaveLength(10);
      expect(columnStarts(row)).toEqual(columnStarts(header!));
    }
  });

  it('shows issue, expiry and revocation in the school time zone, in the operator\'s format', async () => {
    const en = cells((await list('en')).lines);
    expect(en.get('Петрова Мария Александровна (s-1)')).toEqual(['5А', 'parent', 'issued, awaiting form', '—', '25/11/2026, 14:30', '22/11/2036, 14:30', '—', '—', '—']);
    expect(en.get('Иванов Иван Иванович (s-2)')).toEqual(['5А', 'parent', 'revoked', '—', '25/11/2026, 14:30', '22/11/2036, 14:30', '—', '—', '26/11/2026, 23:05']);
    const ru = cells((await list('ru')).lines);
    expect(ru.get('Иванов Иван Иванович (s-2)')).toEqual(['5А', 'родитель', 'отозван', '—', '25.11.2026, 14:30', '22.11.2036, 14:30', '—', '—', '26.11.2026, 23:05']);
  });

  it('marks student codes in the table and in --json', async () => {
    await issueConsentCodes(db.prisma, TEST_SECRET, { schoolId: roster.schoolId, classExternalId: 'c-5a', forStudents: true, now: new Date('2026-11-27T04:30:00Z') });
    const { lines } = await list('ru');
    const students = lines.slice(1).filter((line) => line.split(' | ')[2]?.trim() === 'ученик');
    expect(students).toHaveLength(2);
    for (const line of students) expect(line.split(' | ')[3]?.trim()).toBe('активен');
    const capture = captureIo(db, { VESTNIK_LANG: 'en' });
    expect(await runCli(['codes', 'list', '--school', roster.schoolId, '--json'], capture.io)).toBe(0);
    const rows = JSON.parse(capture.out.join('\n')) as Array<{ forStudent: boolean; status: string }>;
    expect(rows.filter((r) => r.forStudent).map((r) => r.status)).toEqual(['active', 'active']);
    expect(rows.filter((r) => !r.forStudent)).toHaveLength(2);
  });
});

/** Each row's trimmed cells, keyed by its first one. */
function cells(lines: string[]): Map<string, string[]> {
  return new Map(lines.slice(1).map((line) => {
    const [first, ...rest] = line.split(' | ').map((cell) => cell.trim());
    return [first!, rest];
  }));
}
