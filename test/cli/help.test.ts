import { runCli } from '../../src/cli/run-cli.js';
import { captureIo } from '../support/context.js';

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
    // Option names, choices and defaults stay as they are in either language.
    expect(ru.out).toMatch(/--locale <lang>\s+язык для родителей по умолчанию \(choices: "ru", "en",\s+default: "ru"\)/);

    const en = await help(['school', 'create', '--help'], { VESTNIK_LANG: 'en' });
    expect(en).toMatchObject({ code: 0, err: '' });
    expect(en.out).toContain('create a school and print its id and a new API key (shown once)');
    expect(en.out).toContain('school name');
    expect(en.out).toContain('display help for command');
    expect(en.out).not.toContain('название школы');
  });

  it('works even when the rest of the configuration is invalid', async () => {
    const result = await help(['--help'], { VESTNIK_LANG: 'ru', PORT: 'not-a-port' });
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toContain('управление школами');
    expect(result.out).toMatch(/help \[command\]\s+показать справку по команде/);
  });
});
