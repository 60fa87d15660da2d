// `vestnik paper` tells the operator which period the statements cover, on the school's clock.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/run-cli.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { createSchoolFixture, SECRET, type SchoolFixture } from '../support/staff-fixture.js';

let db: TestDatabase;
let f: SchoolFixture;
let dir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  f = await createSchoolFixture(db.prisma);
  dir = await mkdtemp(path.join(os.tmpdir(), 'vestnik-paper-cli-'));
});
afterAll(async () => {
  await db.drop();
  await rm(dir, { recursive: true, force: true });
});

/** Moscow has kept UTC+3 all year since 2014: its wall time is the instant plus three hours. */
function moscow(at: Date, lang: 'ru' | 'en'): string {
  const [date, time] = new Date(at.getTime() + 3 * 3600_000).toISOString().split('T') as [string, string];
  const [y, m, d] = date.split('-');
  return `${d}${lang === 'ru' ? '.' : '/'}${m}${lang === 'ru' ? '.' : '/'}${y}, ${time.slice(0, 5)}`;
}

it.each(['ru', 'en'] as const)('prints the period of the batch in the school time zone, never as ISO UTC (%s)', async (lang) => {
  const out: string[] = [];
  const env = { DATABASE_URL: db.url, VESTNIK_SECRET: SECRET, VESTNIK_DATA_DIR: dir, VESTNIK_LANG: lang, LOG_LEVEL: 'silent' };
  const code = await runCli(['paper', '--school', f.schoolId, '--class', '5a', '--out', path.join(dir, `paper-${lang}.pdf`)], { out: (s) => out.push(s), err: (s) => out.push(s), env });
  expect(code).toBe(0);
  const batch = await db.prisma.paperBatch.findFirstOrThrow({ where: { schoolId: f.schoolId }, orderBy: { coversTo: 'desc' } });
  const printed = out.join('\n');
  expect(printed).toContain(lang === 'ru' ? `период с ${moscow(batch.coversFrom, lang)} по ${moscow(batch.coversTo, lang)}` : `period ${moscow(batch.coversFrom, lang)} to ${moscow(batch.coversTo, lang)}`);
  expect(printed).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
});
