import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config/env.js';

function expectConfigError(env: NodeJS.ProcessEnv, variable: string, fragment: RegExp): void {
  let caught: unknown;
  try {
    loadConfig(env, '/srv/vestnik');
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ConfigError);
  expect((caught as ConfigError).variable).toBe(variable);
  expect((caught as ConfigError).message).toMatch(fragment);
}

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const config = loadConfig({}, '/srv/vestnik');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toBe(path.resolve('/srv/vestnik', 'var'));
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(3000);
    expect(config.publicUrl).toBe('http://127.0.0.1:3000');
    expect(config.telegram).toMatchObject({ token: undefined, mode: 'polling', globalRatePerSecond: 30 });
    expect(config.smtpUrl).toBeUndefined();
    expect(config.mailFrom).toBe('Vestnik <vestnik@localhost>');
    expect(config.secret).toBeUndefined();
    expect(config.logLevel).toBe('info');
  });

  it('takes every documented variable', () => {
    const config = loadConfig(
      {
        DATABASE_URL: 'postgresql://u:p@db:5432/vestnik',
        DATABASE_REPLICA_URL: 'postgresql://u:p@db-replica:5432/vestnik',
        VESTNIK_DATA_DIR: '/data',
        HOST: '0.0.0.0',
        PORT: '8080',
        PUBLIC_URL: 'https://vestnik.school.ru/',
        TELEGRAM_BOT_TOKEN: '123456:ABCdefGhIJKlmnoPQRstu',
        TELEGRAM_API_ROOT: 'http://127.0.0.1:8081',
        TELEGRAM_MODE: 'webhook',
        TELEGRAM_WEBHOOK_SECRET: 'hook-secret_1',
        SMTP_URL: 'smtps://user:pass@mail.school.ru:465',
        MAIL_FROM: 'School <noreply@school.ru>',
        VESTNIK_SECRET: 'a-very-long-secret-value',
        LOG_LEVEL: 'debug',
      },
      '/srv',
    );
    expect(config).toMatchObject({
      databaseUrl: 'postgresql://u:p@db:5432/vestnik',
      databaseReplicaUrl: 'postgresql://u:p@db-replica:5432/vestnik',
      dataDir: '/data',
      host: '0.0.0.0',
      port: 8080,
      publicUrl: 'https://vestnik.school.ru',
      smtpUrl: 'smtps://user:pass@mail.school.ru:465',
      mailFrom: 'School <noreply@school.ru>',
      secret: 'a-very-long-secret-value',
      logLevel: 'debug',
    });
    expect(config.telegram).toMatchObject({ token: '123456:ABCdefGhIJKlmnoPQRstu', apiRoot: 'http://127.0.0.1:8081', mode: 'webhook', webhookSecret: 'hook-secret_1' });
  });

  it('names the bad variable', () => {
    expectConfigError({ PORT: 'eighty' }, 'PORT', /whole number/);
    expectConfigError({ PORT: '70000' }, 'PORT', /0 to 65535/);
    expectConfigError({ DATABASE_URL: 'mysql://x@y/z' }, 'DATABASE_URL', /postgres/);
    expectConfigError({ DATABASE_URL: 'not a url' }, 'DATABASE_URL', /not a valid URL/);
    expectConfigError({ DATABASE_REPLICA_URL: 'postgresql://replica.example/vestnik' }, 'DATABASE_REPLICA_URL', /needs DATABASE_URL/);
    expectConfigError({ DATABASE_URL: 'postgresql://db.example/vestnik', DATABASE_REPLICA_URL: 'mysql://x@y/z' }, 'DATABASE_REPLICA_URL', /postgres/);
    expectConfigError({ TELEGRAM_MODE: 'push' }, 'TELEGRAM_MODE', /polling, webhook/);
    expectConfigError({ TELEGRAM_BOT_TOKEN: '123456:ABCdefGhIJKlmnoPQRstu', TELEGRAM_MODE: 'webhook' }, 'TELEGRAM_WEBHOOK_SECRET', /required/);
    expectConfigError({ TELEGRAM_BOT_TOKEN: 'nonsense' }, 'TELEGRAM_BOT_TOKEN', /bot token/);
    expectConfigError({ SMTP_URL: 'http://mail' }, 'SMTP_URL', /smtp/);
    expectConfigError({ VESTNIK_SECRET: 'short' }, 'VESTNIK_SECRET', /16 characters/);
    expectConfigError({ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', /one of/);
    expectConfigError({ PUBLIC_URL: 'ftp://x' }, 'PUBLIC_URL', /http/);
  });
});
