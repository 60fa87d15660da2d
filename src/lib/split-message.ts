// Telegram refuses a message longer than 4096 characters: bot views and notifications
// are split here, the one place that knows how to cut HTML text safely.

/** Telegram's limit on a message text, in UTF-16 code units (as JS counts). */
export const TELEGRAM_MESSAGE_LIMIT = 4096;

/**
 * Splits a long text into messages at line boundaries. Callers keep every HTML tag within
 * one line, so a cut between lines never breaks markup. A single line too long for one
 * message is cut at a space, outside any tag or entity.
 */
export function splitMessage(text: string, limit = TELEGRAM_MESSAGE_LIMIT): string[] {
  const parts: string[] = [];
  let current = '';
  const push = () => {
    if (current.trim() !== '') parts.push(current.replace(/\n+$/, ''));
    current = '';
  };
  for (const line of text.split('\n')) {
    const candidate = current === '' ? line : `${current}\n${line}`;
    if (candidate.length <= limit) {
      current = candidate;
      continue;
    }
    push();
    let rest = line;
    while (rest.length > limit) {
      const cut = safeCut(rest, limit);
      parts.push(rest.slice(0, cut).trimEnd());
      rest = rest.slice(cut).trimStart();
    }
    current = rest;
  }
  push();
  return parts.length > 0 ? parts : [''];
}

function safeCut(line: string, limit: number): number {
  let cut = line.lastIndexOf(' ', limit);
  if (cut < limit / 2) cut = limit;
  // Never end inside a tag ("<b") or an entity ("&amp").
  const lastOpen = Math.max(line.lastIndexOf('<', cut - 1), line.lastIndexOf('&', cut - 1));
  const closed = Math.max(line.lastIndexOf('>', cut - 1), line.lastIndexOf(';', cut - 1));
  if (lastOpen > closed && lastOpen > 0) cut = lastOpen;
  return cut;
}
