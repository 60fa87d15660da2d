// Security headers for every route (pages, links from emails, the API, errors), set by
// @fastify/helmet. The policy allows nothing by default; a page with an inline <style> or
// <script> allows exactly that block by its hash, never 'unsafe-inline'.
import { createHash } from 'node:crypto';
import type { FastifyHelmetOptions } from '@fastify/helmet';

type Directives = Record<string, string[]>;

export const BASE_DIRECTIVES: Directives = {
  defaultSrc: ["'none'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
};

function policy(directives: Directives): NonNullable<FastifyHelmetOptions['contentSecurityPolicy']> {
  return { useDefaults: false, directives };
}

/** The options for the whole server; HSTS only when the public address is https. */
export function helmetOptions(publicUrl: string): FastifyHelmetOptions {
  return {
    global: true,
    contentSecurityPolicy: policy(BASE_DIRECTIVES),
    frameguard: { action: 'deny' },
    // Link tokens live in URLs: never hand them to other sites through Referer.
    referrerPolicy: { policy: 'no-referrer' },
    hsts: publicUrl.startsWith('https:') ? { maxAge: 31_536_000 } : false,
  };
}

function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

function blocks(page: string, tag: 'style' | 'script'): string[] {
  return [...page.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1] ?? '');
}

/**
 * Route options that allow the inline <style> and <script> blocks of a page (its blocks
 * must not change between requests); everything else stays as strict as the base policy.
 */
export function allowInlineBlocksOf(page: string): { helmet: Omit<FastifyHelmetOptions, 'global'> } {
  const styles = blocks(page, 'style').map(cspHash);
  const scripts = blocks(page, 'script').map(cspHash);
  const directives: Directives = { ...BASE_DIRECTIVES, styleSrc: ["'self'", ...styles] };
  if (scripts.length > 0) {
    directives.scriptSrc = scripts;
    // The docs page fetches its OpenAPI document from this server.
    directives.connectSrc = ["'self'"];
  }
  // @fastify/helmet lays route options over the global ones, so only the policy is given.
  return { helmet: { contentSecurityPolicy: policy(directives) } };
}
