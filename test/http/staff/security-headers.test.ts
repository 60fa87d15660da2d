// Every route sends the browser protections (helmet), and each page's inline blocks are
// allowed by their hashes only, so the pages keep working under the policy.
import { createHash } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createHttpApp } from '../../../src/http/create-http-app.js';
import { apiRoutes } from '../../../src/http/api/api-routes.js';
import { consentHttpRoutes } from '../../../src/http/consent/verify-email-route.js';
import { notificationLinkRoutes } from '../../../src/http/notifications/notification-links.js';
import { staffRoutes } from '../../../src/http/staff/staff-routes.js';
import { signLinkToken } from '../../../src/modules/notifications/sign-link.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createSchoolFixture, createStaff, SECRET, testContext, type SchoolFixture } from '../../support/staff-fixture.js';
import { StaffClient } from './staff-client.js';

let db: TestDatabase;
let app: FastifyInstance;
let f: SchoolFixture;

beforeAll(async () => {
  db = await createTestDatabase();
  const ctx = testContext(db);
  f = await createSchoolFixture(db.prisma);
  await createStaff(ctx, { schoolId: f.schoolId, role: 'admin', email: 'admin@school.test' });
  app = await createHttpApp(ctx, { plugins: [consentHttpRoutes, staffRoutes, apiRoutes, notificationLinkRoutes] });
});

afterAll(async () => {
  await app.close();
  await db.drop();
});

function directives(response: LightMyRequestResponse): Map<string, string[]> {
  const header = String(response.headers['content-security-policy'] ?? '');
  return new Map(header.split(';').map((d) => d.trim().split(/\s+/)).filter((p) => p[0]).map(([name, ...values]) => [name as string, values]));
}

function expectProtected(response: LightMyRequestResponse): void {
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['x-frame-options']).toBe('DENY');
  expect(response.headers['referrer-policy']).toBe('no-referrer');
  const csp = directives(response);
  expect(csp.get('default-src')).toEqual(["'none'"]);
  expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  expect(String(response.headers['content-security-policy'])).not.toContain('unsafe-inline');
}

/** What a browser checks: every inline block's hash is listed in its directive. */
function expectInlineBlocksAllowed(response: LightMyRequestResponse): void {
  const csp = directives(response);
  for (const [tag, directive] of [['style', 'style-src'], ['script', 'script-src']] as const) {
    for (const match of response.body.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))) {
      const hash = `'sha256-${createHash('sha256').update(match[1] ?? '').digest('base64')}'`;
      expect(csp.get(directive) ?? []).toContain(hash);
    }
  }
}

describe('security headers', () => {
  const ack = `/ack/${encodeURIComponent(signLinkToken(SECRET, 'ack', '00000000-0000-4000-8000-000000000001'))}`;
  const unsubscribe = `/unsubscribe/${encodeURIComponent(signLinkToken(SECRET, 'unsubscribe', '00000000-0000-4000-8000-000000000002'))}`;

  it.each([ack, unsubscribe, '/consent/verify-email?token=x', '/api/v1/docs', '/staff/login'])('protects the page %s and allows only its own inline blocks', async (url) => {
    const response = await app.inject({ method: 'GET', url });
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expectProtected(response);
    expectInlineBlocksAllowed(response);
  });

  it('lets the API docs page fetch its description from this server and nothing else', async () => {
    const csp = directives(await app.inject({ method: 'GET', url: '/api/v1/docs' }));
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')?.every((source) => source.startsWith("'sha256-"))).toBe(true);
  });

  it('protects the API, its errors and signed-in staff pages', async () => {
    const marks = await app.inject({ method: 'POST', url: '/api/v1/marks', payload: { marks: [] } });
    expect(marks.statusCode).toBe(401);
    expectProtected(marks);
    expectProtected(await app.inject({ method: 'GET', url: '/api/v1/openapi.json' }));
    expectProtected(await app.inject({ method: 'GET', url: '/no/such/page' }));
    const client = new StaffClient(app);
    await client.login('admin@school.test');
    const page = await client.get('/staff/admin/audit');
    expect(page.statusCode).toBe(200);
    expectProtected(page);
    expect(directives(page).get('style-src')).toEqual(["'self'"]);
    expect(page.headers['cache-control']).toBe('no-store');
  });
});
