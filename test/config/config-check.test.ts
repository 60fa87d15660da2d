import { runCli } from '../../src/cli/run-cli.js';
import { ConfigError, loadConfig } from '../../src/config/env.js';

const TOKEN = '123456:ABCdefGhIJKlmnoPQRstu';

async function check(env: NodeJS.ProcessEnv, ...flags: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['config', 'check', ...flags], { out: (s) => out.push(s), err: (s) => err.push(s), env });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

interface CheckJson {
  valid: boolean;
  variables: Array<{ variable: string; value: string | null; source: 'set' | 'default' | 'unset' }>;
  problems: Array<{ variable: string; problem: string; message: string }>;
}

describe('one configuration schema', () => {
  it('reports every bad variable at once, not just the first', () => {
    let caught: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x@y/z', LOG_LEVEL: 'loud', VESTNIK_SECRET: 'short', TRUST_PROXY: 'proxy.example' }, '/srv');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems.map((p) => p.variable).sort();
    expect(problems).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT', 'TRUST_PROXY', 'VESTNIK_SECRET']);
    expect((caught as ConfigError).message.split('\n')).toHaveLength(5);
  });

  it('requires the webhook secret in webhook mode only', () => {
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN }, '/srv').telegram).toMatchObject({ mode: 'polling', webhookSecret: undefined });
    // In polling mode a webhook secret is not read at all, so its form does not matter.
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: 'not valid!' }, '/srv').telegram.webhookSecret).toBeUndefined();
    const problems = (env: NodeJS.ProcessEnv) => {
      try {
        loadConfig(env, '/srv');
        return [];
      } catch (error) {
        return (error as ConfigError).problems.map((p) => `${p.variable} ${p.key}`);
      }
    };
    expect(problems({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_MODE: 'webhook' })).toEqual(['TELEGRAM_WEBHOOK_SECRET webhookSecretRequired']);
    expect(problems({ TELEGRAM_MODE: 'webhook', TELEGRAM_WEBHOOK_SECRET: 'not valid!' })).toEqual(['TELEGRAM_WEBHOOK_SECRET webhookSecretFormat']);
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_MODE: 'webhook', TELEGRAM_WEBHOOK_SECRET: 'hook_1' }, '/srv').telegram.webhookSecret).toBe('hook_1');
  });
});

describe('vestnik config check', () => {
  it('prints the effective configuration with secrets masked', async () => {
    const env = {
      VESTNIK_LANG: 'en',
      DATABASE_URL: 'postgresql://vestnik:db-password-1@db:5432/vestnik',
      SMTP_URL: 'smtps://mailer:smtp-password-2@mail.school.ru:465',
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_MODE: 'webhook',
      TELEGRAM_WEBHOOK_SECRET: 'hook-secret-3',
      VESTNIK_SECRET: 'a-very-long-secret-value-4',
      PORT: '8080',
    };
    const json = await check(env, '--json');
    expect(json.code).toBe(0);
    for (const secret of ['db-password-1', 'smtp-password-2', 'ABCdefGhIJKlmnoPQRstu', 'hook-secret-3', 'a-very-long-secret-value-4']) expect(json.out).not.toContain(secret);
    const result = JSON.parse(json.out) as CheckJson;
    const value = (name: string) => result.variables.find((v) => v.variable === name);
    expect(result).toMatchObject({ valid: true, problems: [] });
    expect(value('DATABASE_URL')).toEqual({ variable: 'DATABASE_URL', value: 'postgresql://vestnik:***@db:5432/vestnik', source: 'set' });
    expect(value('TELEGRAM_BOT_TOKEN')?.value).toBe('123456:***');
    expect(value('VESTNIK_SECRET')?.value).toBe('***');
    expect(value('PORT')).toMatchObject({ value: '8080', source: 'set' });
    expect(value('PUBLIC_URL')).toMatchObject({ value: 'http://127.0.0.1:8080', source: 'default' });
    expect(value('TELEGRAM_API_ROOT')).toMatchObject({ value: null, source: 'unset' });

    const text = await check(env);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/^Effective configuration:/);
    expect(text.out).toMatch(/DATABASE_URL\s+postgresql:\/\/vestnik:\*\*\*@db:5432\/vestnik \(set\)/);
    expect(text.out).toContain('The configuration has no problems.');
    for (const secret of ['db-password-1', 'smtp-password-2', 'hook-secret-3', 'a-very-long-secret-value-4']) expect(text.out).not.toContain(secret);
  });

  it('lists every problem in one run, in the operator\'s language, and exits 2', async () => {
    const env = { PORT: 'eighty', LOG_LEVEL: 'loud', VESTNIK_SECRET: 'short-secret', DATABASE_URL: 'mysql://root:db-password-1@db/vestnik', TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_MODE: 'webhook' };
    const ru = await check({ ...env, VESTNIK_LANG: 'ru' });
    expect(ru.code).toBe(2);
    expect(ru.out).toContain('Ошибки в настройках:');
    expect(ru.out).toContain('PORT: нужно целое число от 0 до 65535, а задано «eighty»');
    expect(ru.out).toContain('LOG_LEVEL: допустимые значения');
    expect(ru.out).toContain('VESTNIK_SECRET: должен быть не короче 16 символов');
    expect(ru.out).toContain('DATABASE_URL: должен начинаться с postgres://, postgresql://');
    expect(ru.out).toContain('TELEGRAM_WEBHOOK_SECRET: обязателен при TELEGRAM_MODE=webhook');
    expect(ru.out).not.toContain('short-secret');
    expect(ru.out).not.toContain('db-password-1');

    const en = await check({ ...env, VESTNIK_LANG: 'en' }, '--json');
    expect(en.code).toBe(2);
    const result = JSON.parse(en.out) as CheckJson;
    expect(result.valid).toBe(false);
    expect(result.problems.map((p) => p.variable).sort()).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT', 'TELEGRAM_WEBHOOK_SECRET', 'VESTNIK_SECRET']);
    // Variables that are fine still show their values, defaults included.
    expect(result.variables.find((v) => v.variable === 'HOST')).toMatchObject({ value: '127.0.0.1', source: 'default' });
  });

  it('is what any other command reports when the configuration is bad', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['migrate'], { out: (s) => out.push(s), err: (s) => err.push(s), env: { VESTNIK_LANG: 'en', PORT: 'eighty', LOG_LEVEL: 'loud' } });
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(/^Problems in the configuration:\n {2}PORT: must be a whole number from 0 to 65535, got "eighty"\n {2}LOG_LEVEL: must be one of/);
  });
});
