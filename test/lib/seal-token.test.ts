import { maskToken, openToken, sealToken } from '../../src/lib/seal-token.js';

const SECRET = 'a-deployment-secret-of-enough-length-0123456789';
const TOKEN = '7012345678:AAH-example-token-for-a-school-bot';

test('a sealed bot token opens with the same secret and shows nothing of the token', () => {
  const sealed = sealToken(SECRET, TOKEN);
  expect(sealed).not.toContain(TOKEN);
  expect(sealed).not.toContain(TOKEN.slice(0, 10));
  expect(openToken(SECRET, sealed)).toBe(TOKEN);
  // A fresh nonce each time: two seals of one token differ.
  expect(sealToken(SECRET, TOKEN)).not.toBe(sealed);
});

test('another secret, a tampered byte or a foreign string cannot be opened', () => {
  const sealed = sealToken(SECRET, TOKEN);
  expect(() => openToken(`${SECRET}x`, sealed)).toThrow(/cannot be decrypted/);
  const raw = Buffer.from(sealed.slice(3), 'base64url');
  raw.writeUInt8(raw.readUInt8(raw.length - 1) ^ 1, raw.length - 1);
  expect(() => openToken(SECRET, `v1.${raw.toString('base64url')}`)).toThrow(/cannot be decrypted/);
  expect(() => openToken(SECRET, TOKEN)).toThrow(/not a sealed token/);
  // Keys are per purpose: a token sealed for one use does not open as another.
  expect(() => openToken(SECRET, sealToken(SECRET, TOKEN, 'other'))).toThrow(/cannot be decrypted/);
});

test('a masked token shows only its last four characters', () => {
  expect(maskToken(TOKEN)).toBe('••••-bot');
});
