// The VAPID key pair: generated once into the data folder and reused (every browser's
// subscription is bound to it), or given as a checked pair in the environment.
import { createECDH } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkConfig, ConfigError, describeProblem, loadConfig } from '../../src/config/env.js';
import { maskValue } from '../../src/config/mask-secrets.js';
import { generateVapidPair, resolveVapidKeys } from '../../src/config/resolve-vapid-keys.js';
import { translator } from '../../src/i18n/index.js';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'vestnik-vapid-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** The public key ECDH derives from a private one: proof that the two belong together. */
const publicOf = (privateKey: string) => {
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(Buffer.from(privateKey, 'base64url'));
  return ecdh.getPublicKey().toString('base64url');
};

describe('VAPID keys', () => {
  test('generated once into the data folder (mode 0600) and the same after a restart', async () => {
    const first = await resolveVapidKeys(loadConfig({ VESTNIK_DATA_DIR: dataDir }));
    expect(Buffer.from(first.publicKey, 'base64url')).toHaveLength(65);
    expect(Buffer.from(first.privateKey, 'base64url')).toHaveLength(32);
    expect(publicOf(first.privateKey)).toBe(first.publicKey);
    const file = path.join(dataDir, 'vapid-keys.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    // A restart: a new config, the same folder.
    const again = await resolveVapidKeys(loadConfig({ VESTNIK_DATA_DIR: dataDir }));
    expect(again).toEqual(first);
    // Two processes starting together end up with one pair.
    const [a, b] = await Promise.all([resolveVapidKeys(loadConfig({ VESTNIK_DATA_DIR: `${dataDir}/x` })), resolveVapidKeys(loadConfig({ VESTNIK_DATA_DIR: `${dataDir}/x` }))]);
    expect(a.publicKey).toBe(b.publicKey);
  });

  test('a damaged key file stops the start instead of silently replacing the pair', async () => {
    const config = loadConfig({ VESTNIK_DATA_DIR: dataDir });
    await resolveVapidKeys(config);
    await writeFile(path.join(dataDir, 'vapid-keys.json'), 'not json');
    await expect(resolveVapidKeys(config)).rejects.toThrow(/no VAPID key pair/);
  });

  test('VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY override the stored pair, and nothing is written', async () => {
    const pair = generateVapidPair();
    const config = loadConfig({ VESTNIK_DATA_DIR: dataDir, VAPID_PUBLIC_KEY: pair.publicKey, VAPID_PRIVATE_KEY: pair.privateKey, VAPID_SUBJECT: 'mailto:it@school.example' });
    expect(await resolveVapidKeys(config)).toEqual({ ...pair, subject: 'mailto:it@school.example' });
    await expect(readFile(path.join(dataDir, 'vapid-keys.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  test('the subject defaults to the sender address, or PUBLIC_URL when the sender is a local one', () => {
    expect(loadConfig({ MAIL_FROM: 'Школа № 1 <info@school.example>' }).webPush.subject).toBe('mailto:info@school.example');
    expect(loadConfig({ PUBLIC_URL: 'https://vestnik.school.example' }).webPush.subject).toBe('https://vestnik.school.example');
  });

  test('a malformed key, half a pair or keys of two pairs are config errors naming the variable; the private key is masked', () => {
    const pair = generateVapidPair();
    const other = generateVapidPair();
    const problems = (env: NodeJS.ProcessEnv) => checkConfig(env).problems.map((p) => `${p.variable}:${p.key}`);
    expect(problems({ VAPID_PUBLIC_KEY: 'abc', VAPID_PRIVATE_KEY: pair.privateKey })).toEqual(['VAPID_PUBLIC_KEY:vapidPublicKey']);
    expect(problems({ VAPID_PUBLIC_KEY: pair.publicKey, VAPID_PRIVATE_KEY: `${pair.privateKey}AA` })).toEqual(['VAPID_PRIVATE_KEY:vapidPrivateKey']);
    expect(problems({ VAPID_PUBLIC_KEY: pair.publicKey })).toEqual(['VAPID_PRIVATE_KEY:vapidPairMissing']);
    expect(problems({ VAPID_PUBLIC_KEY: pair.publicKey, VAPID_PRIVATE_KEY: other.privateKey })).toEqual(['VAPID_PUBLIC_KEY:vapidPairMismatch']);
    expect(problems({ VAPID_SUBJECT: 'http://school.example' })).toEqual(['VAPID_SUBJECT:protocol']);
    // Reported together with other problems, not one at a time.
    expect(problems({ PORT: 'x', VAPID_PRIVATE_KEY: pair.privateKey })).toEqual(expect.arrayContaining(['PORT:integer', 'VAPID_PUBLIC_KEY:vapidPairMissing']));

    const env = { VAPID_PUBLIC_KEY: pair.publicKey, VAPID_PRIVATE_KEY: `${pair.privateKey.slice(0, 40)}+/=` };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    const check = checkConfig(env);
    const sentence = describeProblem(check.problems[0]!, check.given, translator('ru'));
    expect(sentence).toMatch(/^VAPID_PRIVATE_KEY: не похоже на закрытый ключ VAPID/);
    expect(maskValue('VAPID_PRIVATE_KEY', pair.privateKey)).toBe('***');
    expect(maskValue('VAPID_PUBLIC_KEY', pair.publicKey)).toBe(pair.publicKey);
  });
});
