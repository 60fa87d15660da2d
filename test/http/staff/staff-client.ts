// A tiny cookie-keeping client over app.inject: what a browser does, without a browser.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { PASSWORD } from '../../support/staff-fixture.js';

export class StaffClient {
  readonly cookies = new Map<string, string>();
  csrf = '';

  constructor(private readonly app: FastifyInstance) {}

  private remember(response: LightMyRequestResponse): LightMyRequestResponse {
    const header = response.headers['set-cookie'];
    for (const line of Array.isArray(header) ? header : header ? [header] : []) {
      const [pair] = line.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (!pair || eq < 0) continue;
      const name = pair.slice(0, eq);
      const value = decodeURIComponent(pair.slice(eq + 1));
      if (/Max-Age=0/.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body);
    if (token?.[1]) this.csrf = token[1];
    return response;
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ');
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.remember(await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader(), ...headers } }));
  }

  /** Posts a form; the CSRF token of the last page is added unless the fields set `_csrf`. */
  async post(url: string, fields: Record<string, string | string[]>, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams();
    if (!('_csrf' in fields)) body.append('_csrf', this.csrf);
    for (const [key, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        payload: body.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: this.cookieHeader(), ...headers },
      }),
    );
  }

  /** Posts a multipart form (a form with a file input); the CSRF token is added as in post(). */
  async postMultipart(
    url: string,
    fields: Record<string, string | string[]>,
    file?: { field: string; fileName: string; contentType: string; bytes: Buffer },
  ): Promise<LightMyRequestResponse> {
    const boundary = `----vestnik${Date.now().toString(16)}`;
    const parts: Buffer[] = [];
    const add = (name: string, value: string) => parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
    if (!('_csrf' in fields)) add('_csrf', this.csrf);
    for (const [key, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) add(key, v);
    if (file) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.fileName}"\r\nContent-Type: ${file.contentType}\r\n\r\n`), file.bytes, Buffer.from('\r\n'));
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        payload: Buffer.concat(parts),
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: this.cookieHeader() },
      }),
    );
  }

  async login(email: string, password = PASSWORD, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    await this.get('/staff/login');
    const response = await this.post('/staff/login', { email, password, next: '/staff' }, headers);
    let next = response;
    for (let hops = 0; next.statusCode === 303 && hops < 5; hops += 1) next = await this.get(next.headers.location as string);
    return response;
  }
}
