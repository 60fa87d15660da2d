// A browser's cookie jar over app.inject, enough for the family pages: GETs, form POSTs and
// the CSRF token a page carries.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export type FormBrowser = ReturnType<typeof formBrowser>;

export function formBrowser(app: () => FastifyInstance) {
  const jar = new Map<string, string>();
  const keep = (response: LightMyRequestResponse) => {
    for (const c of response.cookies) {
      if (c.value) jar.set(c.name, c.value);
      else jar.delete(c.name);
    }
    return response;
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  return {
    jar,
    get: async (url: string) => keep(await app().inject({ method: 'GET', url, headers: { cookie: cookie() } })),
    post: async (url: string, fields: Record<string, string>) =>
      keep(await app().inject({ method: 'POST', url, headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() })),
    csrf: (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '',
  };
}
