import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { runCli } from '../../src/cli/run-cli.js';
import { captureIo } from '../support/context.js';
import { BIN, ROOT } from '../support/spawn-service.js';

// Help never touches the database, so an address that leads nowhere is enough.
const noDatabase = { url: 'postgres://nobody@127.0.0.1:1/none' };

async function help(args: string[], env: NodeJS.ProcessEnv) {
  const { io, out, err } = captureIo(noDatabase, env);
  const code = await runCli(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('vestnik --help', () => {
  it('describes commands and options in the language of VESTNIK_LANG', async () => {
    const ru = await help(['school', 'create', '--help'], { VESTNIK_LANG: 'ru' });
    expect(ru).toMatchObject({ code: 0, err: '' });
    expect(ru.out).toContain('создать школу и вывести её id и новый API-ключ (показывается один раз)');
    expect(ru.out).toContain('название школы');
    expect(ru.out).toContain('язык для родителей по умолчанию');
    expect(ru.out).toContain('показать справку по команде');
    // Headings and the notes on choices and defaults too; option names and values stay as they are.
    expect(ru.out).toMatch(/^Использование: vestnik school create/);
    expect(ru.out).toContain('Параметры:');
    expect(ru.out).toMatch(/--locale <lang>\s+язык для родителей по умолчанию \(варианты: "ru", "en",\s+по\s+умолчанию: "ru"\)/);
    expect(ru.out).not.toMatch(/Usage|Options|choices|default/);

    const en = await help(['school', 'create', '--help'], { VESTNIK_LANG: 'en' });
    expect(en).toMatchObject({ code: 0, err: '' });
    expect(en.out).toContain('create a school and print its id and a new API key (shown once)');
    expect(en.out).toContain('school name');
    expect(en.out).toContain('display help for command');
    expect(en.out).not.toContain('название школы');
    expect(en.out).toMatch(/^Usage: vestnik school create/);
    expect(en.out).toMatch(/\(choices: "ru", "en",\s+default:\s+"ru"\)/);
  });

  it('works even when the rest of the configuration is invalid', async () => {
    const result = await help(['--help'], { VESTNIK_LANG: 'ru', PORT: 'not-a-port' });
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toContain('управление школами');
    expect(result.out).toMatch(/help \[command\]\s+показать справку по команде/);
  });

  it('reports usage mistakes in the operator\'s language, with a suggestion and the help that follows', async () => {
    const typo = await help(['schol'], { VESTNIK_LANG: 'ru' });
    expect(typo.code).toBe(1);
    expect(typo.err).toMatch(/^Ошибка: неизвестная команда «schol»\n\(Может быть, school\?\)/);
    expect(typo.err).toContain('Команды:');

    const choice = await help(['school', 'create', '--name', 'Лицей', '--timezone', 'Europe/Moscow', '--locale', 'fr'], { VESTNIK_LANG: 'ru' });
    expect(choice.code).toBe(1);
    expect(choice.err).toContain('Ошибка: недопустимое значение «fr» для «--locale <lang>». Допустимые: ru, en');

    const missing = await help(['school', 'create'], { VESTNIK_LANG: 'ru' });
    expect(missing.err).toContain('Ошибка: не указан обязательный параметр «--name <name>»');

    const extra = await help(['migrate', 'now'], { VESTNIK_LANG: 'ru' });
    expect(extra.err).toContain('Ошибка: слишком много аргументов: ожидалось 0, получено 1');

    const english = await help(['schol'], { VESTNIK_LANG: 'en' });
    expect(english.err).toMatch(/^error: unknown command 'schol'\n\(Did you mean school\?\)/);
  });
});

/** Runs the real executable (the compiled code) and lists the packages it imported. */
async function packagesLoaded(args: string[]): Promise<{ stdout: string; packages: Set<string> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vestnik-imports-'));
  const record = path.join(dir, 'imports.txt');
  try {
    const hook = path.join(ROOT, 'test', 'cli', 'record-imports.mjs');
    const env = { PATH: process.env.PATH, VESTNIK_LANG: 'en', RECORD_IMPORTS_FILE: record };
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', hook, BIN, ...args], { cwd: ROOT, env });
    const urls = (await readFile(record, 'utf8')).split('\n');
    const packages = new Set(urls.map((url) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1]).filter((name): name is string => name !== undefined));
    return { stdout, packages };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const HEAVY = ['@prisma/client', '@prisma/adapter-pg', 'pg', 'pdfkit', 'exceljs', 'grammy', '@maxhub/max-bot-api', 'fastify', 'agenda'];

describe('vestnik --help from the executable', () => {
  it('lists every command without loading the database, PDF, spreadsheet or messenger libraries', async () => {
    const { stdout, packages } = await packagesLoaded(['--help']);
    expect(stdout).toMatch(/school\s+manage schools/);
    expect(stdout).toMatch(/report\s+reports for class teachers/);
    expect(packages).toContain('commander');
    for (const name of HEAVY) expect(packages).not.toContain(name);
  });

  it('shows a command\'s own help without loading what its action needs', async () => {
    for (const command of ['codes', 'report', 'paper', 'import', 'config']) {
      const { packages } = await packagesLoaded([command, '--help']);
      for (const name of HEAVY) expect([command, packages.has(name) ? name : undefined]).toEqual([command, undefined]);
    }
  });

  it('loads a command only when it is asked about', async () => {
    const { stdout, packages } = await packagesLoaded(['help', 'school']);
    expect(stdout).toMatch(/create \[options\]\s+create a school/);
    expect(packages).not.toContain('@prisma/client');
  });
});
