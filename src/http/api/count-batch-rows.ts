// Counts the rows of a batch in its JSON text, before JSON.parse: parsing 10 MB of `{}`
// (3.3 million rows) would block the process for a second only to refuse the batch.

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const OPEN_OBJECT = 123;
const OPEN_ARRAY = 91;
const CLOSE_OBJECT = 125;
const CLOSE_ARRAY = 93;

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/**
 * The number of elements of the arrays that are values of the top-level object (the
 * rows of every section): one pass over the text, a few milliseconds for 10 MB.
 * Malformed JSON is counted somehow and left to the parser to refuse.
 */
export function countBatchRows(json: string): number {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let inRows = false;
  let sawValue = false;
  let rows = 0;
  const startValue = () => {
    if (depth === 2 && inRows && !sawValue) {
      sawValue = true;
      rows += 1;
    }
  };
  for (let i = 0; i < json.length; i += 1) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (escaped) escaped = false;
      else if (c === BACKSLASH) escaped = true;
      else if (c === QUOTE) inString = false;
      continue;
    }
    if (c === QUOTE) {
      startValue();
      inString = true;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      startValue();
      depth += 1;
      if (depth === 2) {
        inRows = c === OPEN_ARRAY;
        sawValue = false;
      }
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) depth -= 1;
    else if (depth === 2 && inRows) {
      if (c === COMMA) sawValue = false;
      else if (!isSpace(c)) startValue();
    }
  }
  return rows;
}
