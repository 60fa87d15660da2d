// The one rule for text entering Vestnik, from any door (API, import, forms, query
// strings, bot messages, command line). PostgreSQL refuses NUL in text, and a lone
// UTF-16 surrogate cannot be encoded as UTF-8 at all: the driver would silently
// turn it into U+FFFD. Other C0 control characters (except tab, line feed and carriage
// return) have no business in a name, a comment or homework and only break the
// messages and files we produce from them. Such text is refused, never repaired.

export type IllFormedReason = 'nul' | 'control' | 'surrogate';

export interface IllFormedText {
  /** Where the text is: "marks.3.comment", "guardianName"; '' for the value itself. */
  field: string;
  reason: IllFormedReason;
  /** The offending code unit, e.g. "U+0000". */
  codePoint: string;
}

// C0 controls but tab, LF and CR; a high surrogate not followed by a low one, or a low
// one not preceded by a high one.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
const BAD = new RegExp(`${CONTROL.source}|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]`);

// String.prototype.isWellFormed (Node 20) is native and much faster than a regex with
// lookarounds; the lib typings of our target predate it.
const wellFormedUtf16 = (value: string) => (value as unknown as { isWellFormed(): boolean }).isWellFormed();

export function isWellFormedText(value: string): boolean {
  return !CONTROL.test(value) && wellFormedUtf16(value);
}

/** Why `value` cannot be stored, or undefined when it is well-formed. */
export function illFormedReason(value: string): Pick<IllFormedText, 'reason' | 'codePoint'> | undefined {
  if (isWellFormedText(value)) return undefined;
  const unit = (BAD.exec(value)?.[0] ?? '\u0000').charCodeAt(0);
  const reason: IllFormedReason = unit === 0 ? 'nul' : unit < 0x20 ? 'control' : 'surrogate';
  return { reason, codePoint: `U+${unit.toString(16).toUpperCase().padStart(4, '0')}` };
}

/** The English sentence for error messages and row errors (people see the localized one). */
export function describeIllFormed(found: Pick<IllFormedText, 'reason' | 'codePoint'>): string {
  if (found.reason === 'nul') return 'must not contain NUL characters (U+0000)';
  if (found.reason === 'control') return `must not contain control characters (${found.codePoint})`;
  return `must not contain unpaired UTF-16 surrogates (${found.codePoint})`;
}

interface Frame {
  node: unknown[] | Record<string, unknown>;
  /** Property names of an object; null for an array. */
  keys: string[] | null;
  /** The next child to visit. */
  next: number;
}

/**
 * The first ill-formed string in `value`, looking through nested objects and arrays
 * (property names too). It runs over whole request bodies (a million rows of a rejected
 * batch, too), so it walks with a reused stack of frames, builds the path only when it
 * finds something, and cannot overflow the call stack however deep the nesting.
 */
export function findIllFormedText(value: unknown, path = ''): IllFormedText | undefined {
  if (typeof value === 'string') {
    const found = illFormedReason(value);
    return found && { field: path, ...found };
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const frames: Frame[] = [];
  let depth = 0;
  const enter = (node: Frame['node']) => {
    const keys = Array.isArray(node) ? null : Object.keys(node);
    const frame = frames[depth];
    if (frame) Object.assign(frame, { node, keys, next: 0 });
    else frames[depth] = { node, keys, next: 0 };
    depth += 1;
  };
  const here = () => fieldPath(frames, depth, path);
  enter(value as Frame['node']);
  while (depth > 0) {
    const frame = frames[depth - 1] as Frame;
    const { keys } = frame;
    const length = keys ? keys.length : (frame.node as unknown[]).length;
    if (frame.next >= length) {
      depth -= 1;
      continue;
    }
    const i = frame.next;
    frame.next += 1;
    let child: unknown;
    if (keys) {
      const key = keys[i] as string;
      const keyProblem = illFormedReason(key);
      if (keyProblem) return { field: here(), ...keyProblem };
      child = (frame.node as Record<string, unknown>)[key];
    } else child = (frame.node as unknown[])[i];
    if (typeof child === 'string') {
      const found = illFormedReason(child);
      if (found) return { field: here(), ...found };
    } else if (typeof child === 'object' && child !== null) enter(child as Frame['node']);
  }
  return undefined;
}

/** "marks.3.comment": the child each frame is visiting. Broken names show U+FFFD, since the path is echoed back. */
function fieldPath(frames: Frame[], depth: number, prefix: string): string {
  const parts = prefix === '' ? [] : [prefix];
  for (let d = 0; d < depth; d += 1) {
    const frame = frames[d] as Frame;
    const i = frame.next - 1;
    parts.push(frame.keys ? (frame.keys[i] as string).replace(new RegExp(BAD.source, 'g'), '\uFFFD') : String(i));
  }
  return parts.join('.');
}
