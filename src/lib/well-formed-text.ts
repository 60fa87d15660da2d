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
const BAD = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `value` cannot be stored, or undefined when it is well-formed. */
export function illFormedReason(value: string): Pick<IllFormedText, 'reason' | 'codePoint'> | undefined {
  const match = BAD.exec(value);
  if (!match) return undefined;
  const unit = match[0].charCodeAt(0);
  const reason: IllFormedReason = unit === 0 ? 'nul' : unit < 0x20 ? 'control' : 'surrogate';
  return { reason, codePoint: `U+${unit.toString(16).toUpperCase().padStart(4, '0')}` };
}

export function isWellFormedText(value: string): boolean {
  return !BAD.test(value);
}

/** The English sentence for error messages and row errors (people see the localized one). */
export function describeIllFormed(found: Pick<IllFormedText, 'reason' | 'codePoint'>): string {
  if (found.reason === 'nul') return 'must not contain NUL characters (U+0000)';
  if (found.reason === 'control') return `must not contain control characters (${found.codePoint})`;
  return `must not contain unpaired UTF-16 surrogates (${found.codePoint})`;
}

/**
 * The first ill-formed string in `value`, looking through nested objects and arrays
 * (property names too). Iterative, so a deeply nested body cannot overflow the stack.
 */
export function findIllFormedText(value: unknown, path = ''): IllFormedText | undefined {
  const stack: Array<[unknown, string]> = [[value, path]];
  while (stack.length > 0) {
    const [current, at] = stack.pop() as [unknown, string];
    if (typeof current === 'string') {
      const found = illFormedReason(current);
      if (found) return { field: at, ...found };
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i -= 1) stack.push([current[i], join(at, String(i))]);
    } else if (typeof current === 'object' && current !== null) {
      const entries = Object.entries(current);
      for (let i = entries.length - 1; i >= 0; i -= 1) {
        const [key, child] = entries[i] as [string, unknown];
        const keyProblem = illFormedReason(key);
        // The name is echoed in the answer: shown with U+FFFD where it is broken.
        if (keyProblem) return { field: join(at, key.replace(new RegExp(BAD.source, 'g'), '\uFFFD')), ...keyProblem };
        stack.push([child, join(at, key)]);
      }
    }
  }
  return undefined;
}

function join(path: string, part: string): string {
  return path === '' ? part : `${path}.${part}`;
}
