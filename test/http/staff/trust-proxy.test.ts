// Which client address the login limit sees: X-Forwarded-For counts only from a trusted proxy.
import { ConfigError, loadConfig } from '../../../src/config/env.js';
import { createHttpApp } from '../../../src/http/create-http-app.js';
import { staffRoutes } from '../../../src/http/staff/staff-routes.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createSchoolFixture, testContext } from '../../support/staff-fixture.js';
import { StaffClient } from './staff-client.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await createSchoolFixture(db.prisma);
});

afterAll(async () => {
  await db.drop();
});

/** Fails one login from `remoteAddress` claiming `forwardedFor`; returns the address that was recorded. */
async function recordedAddress(env: Record<string, string>, remoteAddress: string, forwardedFor: string): Promise<string> {
  const app = await createHttpApp(testContext(db, env), { plugins: [staffRoutes] });
  try {
    const email = `probe-${Math.random().toString(36).slice(2)}@school.test`;
    const client = new StaffClient(app);
    await client.get('/staff/login');
    const body = new URLSearchParams({ _csrf: client.csrf, email, password: 'wrong password' }).toString();
    const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await app.inject({ method: 'POST', url: '/staff/login', remoteAddress, payload: body, headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, 'x-forwarded-for': forwardedFor } });
    expect(response.statusCode).toBe(401);
    const row = await db.prisma.auditLog.findFirstOrThrow({ where: { action: 'staff.login_failed', details: { path: ['email'], equals: email } } });
    return (row.details as { ip: string }).ip;
  } finally {
    await app.close();
  }
}

describe('TRUST_PROXY', () => {
  it('ignores X-Forwarded-For when unset, so a client cannot choose its own address', async () => {
    expect(await recordedAddress({}, '192.0.2.10', '203.0.113.5')).toBe('192.0.2.10');
  });

  it('takes the forwarded address from a trusted proxy, given as an address or a CIDR range', async () => {
    expect(await recordedAddress({ TRUST_PROXY: '192.0.2.10' }, '192.0.2.10', '203.0.113.5')).toBe('203.0.113.5');
    expect(await recordedAddress({ TRUST_PROXY: '10.0.0.0/8, 192.0.2.0/24' }, '192.0.2.10', '203.0.113.6')).toBe('203.0.113.6');
  });

  it('ignores X-Forwarded-For from a client that is not one of the trusted proxies', async () => {
    expect(await recordedAddress({ TRUST_PROXY: '10.0.0.1' }, '192.0.2.10', '203.0.113.5')).toBe('192.0.2.10');
  });

  it('reads true, false, keywords and lists, and stops at start on anything else naming the variable', () => {
    const parse = (value?: string) => loadConfig(value === undefined ? {} : { TRUST_PROXY: value }, '/srv').trustProxy;
    expect(parse()).toBe(false);
    expect(parse('false')).toBe(false);
    expect(parse('true')).toBe(true);
    expect(parse('loopback, 10.1.2.3,2001:db8::/32')).toEqual(['loopback', '10.1.2.3', '2001:db8::/32']);
    for (const bad of ['yes', '10.0.0.0/33', '10.0.0.300', 'proxy.example', '10.0.0.0/8/1']) {
      let caught: unknown;
      try {
        parse(bad);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ConfigError);
      expect((caught as ConfigError).variable).toBe('TRUST_PROXY');
      expect((caught as ConfigError).message).toContain(bad.split(',')[0] as string);
    }
  });
});
