// Attributes of the staff cookies (read and written by @fastify/cookie): only /staff sees
// them, scripts never do, and other sites' forms do not carry them.
import { fastifyCookie, type CookieSerializeOptions } from '@fastify/cookie';

export function staffCookie(secure: boolean, maxAgeSeconds: number): CookieSerializeOptions {
  return { path: '/staff', sameSite: 'lax', httpOnly: true, secure, maxAge: Math.max(0, Math.floor(maxAgeSeconds)) };
}

/** The cookies of a raw header, for code that runs outside the plugin's request (the first of duplicates wins). */
export function parseCookies(header: string | undefined): Record<string, string> {
  return fastifyCookie.parse(header ?? '');
}
