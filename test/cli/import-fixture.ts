// A fresh database with one school and a temporary folder for the files of a test file.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { runCli } from '../../src/cli/run-cli.js';
import { createSchool } from '../../src/modules/schools/create-school.js';
import { captureIo, TEST_SECRET } from '../support/context.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

export interface ImportFixture {
  db: TestDatabase;
  dir: string;
  schoolId: string;
  /** Writes a file in the folder, in UTF-8 or Windows-1251. */
  file(name: string, text: string, encoding?: 'utf-8' | 'windows-1251'): Promise<string>;
  importCli(kind: string, target: string, ...extra: string[]): Promise<{ code: number; out: string; err: string }>;
  count(table: string): Promise<number>;
}

/** Set up before the file's tests and removed after them; filled in place. */
export function useImportFixture(): ImportFixture {
  const f = {} as ImportFixture;
  beforeAll(async () => {
    f.db = await createTestDatabase();
    f.dir = await mkdtemp(path.join(os.tmpdir(), 'vestnik-import-'));
    f.schoolId = (await createSchool(f.db.prisma, TEST_SECRET, { name: 'Импорт', timezone: 'Europe/Moscow' })).id;
  });
  afterAll(async () => {
    await f.db.drop();
    await rm(f.dir, { recursive: true, force: true });
  });
  f.file = async (name, text, encoding = 'utf-8') => {
    const target = path.join(f.dir, name);
    await writeFile(target, encoding === 'utf-8' ? Buffer.from(text, 'utf8') : iconv.encode(text, 'win1251'));
    return target;
  };
  f.importCli = async (kind, target, ...extra) => {
    const capture = captureIo(f.db);
    const code = await runCli(['import', kind, target, '--school', f.schoolId, ...extra], capture.io);
    return { code, out: capture.out.join('\n'), err: capture.err.join('\n') };
  };
  f.count = async (table) => {
    const { rows } = await f.db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE "schoolId" = $1`, [f.schoolId]);
    return rows[0]?.n ?? 0;
  };
  return f;
}
