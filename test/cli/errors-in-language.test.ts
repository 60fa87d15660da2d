// A command that fails tells the operator why in their language (VESTNIK_LANG / LANG),
// the word "Error" included; a sentence without a translation still gets the prefix.
import { runCli } from '../../src/cli/run-cli.js';
import { CLI_ERROR_CODES, describeAppError } from '../../src/cli/describe-app-error.js';
import { loadLocaleResources, LOCALES, translator } from '../../src/i18n/index.js';
import { captureIo } from '../support/context.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

async function cli(args: string[], env: NodeJS.ProcessEnv) {
  const capture = captureIo(db, env);
  const code = await runCli(args, capture.io);
  return { code, err: capture.err.join('\n') };
}

it('says in Russian that the school, the class or the code is unknown', async () => {
  const ru = { VESTNIK_LANG: 'ru' };
  const school = await cli(['digest', 'run', '--school', '00000000-0000-4000-8000-000000000000'], ru);
  expect(school).toEqual({ code: 1, err: 'Ошибка: нет школы с id «00000000-0000-4000-8000-000000000000» (id выводят команды school create и demo)' });
  const code = await cli(['codes', 'revoke', 'AAAA-BBBB-CCCC-DD'], { VESTNIK_LANG: '', LANG: 'ru_RU.UTF-8' });
  expect(code.err).toBe('Ошибка: в школе нет такого кода');
});

it('keeps English for an English operator', async () => {
  const school = await cli(['digest', 'run', '--school', '00000000-0000-4000-8000-000000000000'], { VESTNIK_LANG: 'en' });
  expect(school.err).toBe('Error: no school with id 00000000-0000-4000-8000-000000000000');
});

it('has a text for every error in every language, and a prefix for the rest', () => {
  const resources = loadLocaleResources();
  for (const lang of LOCALES) {
    const errors = (resources[lang].cli as { errors: Record<string, string> }).errors;
    expect([lang, CLI_ERROR_CODES.filter((code) => !(code in errors))]).toEqual([lang, []]);
  }
  expect(describeAppError(translator('ru'), 'this code is expired: issue a new one (vestnik codes issue) and record the form for it')).toBe(
    'Ошибка: этот код истёк: выпустите новый (vestnik codes issue) и зарегистрируйте бланк с ним',
  );
  expect(describeAppError(translator('ru'), 'something new')).toBe('Ошибка: something new');
});
