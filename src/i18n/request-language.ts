// The language a caller asks for in Accept-Language, for answers read by people; callers
// that send none (programs, mostly) get the answer they always had.
import { isLang, type Lang } from './index.js';

/** The first supported language of an Accept-Language header, by its q weights. */
export function requestLanguage(header: string | undefined): Lang | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part, order) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.trim().slice(2) ?? '1');
      return { lang: tag.trim().toLowerCase().split('-')[0], q: Number.isFinite(q) ? q : 0, order };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  return ranked.map((entry) => entry.lang).find(isLang);
}
