import { readEmailToken, signEmailToken } from '../../../src/modules/consent/email-token.js';

const SECRET = 'email-token-secret-0123456789';

describe('email confirmation token', () => {
  it('carries the guardian, address, expiry and a unique id', () => {
    const now = new Date('2025-09-01T00:00:00Z');
    const token = signEmailToken(SECRET, { g: 'guardian-1', e: 'mama@example.org' }, now, 60_000);
    const claims = readEmailToken(SECRET, token);
    expect(claims).toMatchObject({ g: 'guardian-1', e: 'mama@example.org', x: now.getTime() / 1000 + 60 });
    expect(claims?.j).toMatch(/^[\w-]{16}$/);
    expect(readEmailToken(SECRET, signEmailToken(SECRET, { g: 'guardian-1', e: 'mama@example.org' }))?.j).not.toBe(claims?.j);
  });

  it('rejects a token signed with another secret or changed in any way', () => {
    const token = signEmailToken(SECRET, { g: 'guardian-1', e: 'mama@example.org' });
    expect(readEmailToken('another-secret-0123456789', token)).toBeUndefined();
    const [body, signature] = token.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), e: 'evil@example.org' })).toString('base64url');
    expect(readEmailToken(SECRET, `${forged}.${signature}`)).toBeUndefined();
    const flipped = signature.endsWith('0') ? '1' : '0';
    expect(readEmailToken(SECRET, `${body}.${signature.slice(0, -1)}${flipped}`)).toBeUndefined();
    expect(readEmailToken(SECRET, body)).toBeUndefined();
    expect(readEmailToken(SECRET, '')).toBeUndefined();
  });
});
