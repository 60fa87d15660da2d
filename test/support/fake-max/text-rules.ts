// What MAX refuses in a message: text over 4000 characters, and HTML it cannot parse.
export const MAX_TEXT_LENGTH = 4000;
const TAGS = new Set(['b', 'strong', 'i', 'em', 'u', 'ins', 's', 'del', 'a', 'code', 'pre', 'br']);

/** The reason MAX would refuse this text, or undefined. */
export function refuseText(text: unknown, format: unknown): string | undefined {
  if (typeof text !== 'string') return 'text: must be a string';
  if (text.length > MAX_TEXT_LENGTH) return `text: size must be between 0 and ${MAX_TEXT_LENGTH}`;
  if (format !== 'html') return undefined;
  const open: string[] = [];
  for (const match of text.matchAll(/<(\/?)([a-zA-Z0-9]+)[^>]*>|<|>/g)) {
    const [whole, closing, tag] = match;
    if (!tag) return `text: stray "${whole}": escape it as &lt; or &gt;`;
    const name = tag.toLowerCase();
    if (!TAGS.has(name)) return `text: unsupported tag <${name}>`;
    if (name === 'br') continue;
    if (!closing) open.push(name);
    else if (open.pop() !== name) return `text: unbalanced </${name}>`;
  }
  return open.length ? `text: unclosed <${open.at(-1)}>` : undefined;
}
