// The one small markup every reply and pushed message is written in: plain text, bold,
// italic, struck-out and links, line by line. Channels render it (Telegram and MAX HTML,
// the web page, plain text for email and paper); nothing here knows any of them.

export type Style = 'bold' | 'italic' | 'strike';

export interface Span {
  readonly text: string;
  readonly style?: Style;
  readonly href?: string;
}

/** Inline content: plain text, a styled span, or a list of them (nested lists flatten). */
export type Inline = string | Span | readonly Inline[];

/** A message body, one entry per line; '' is an empty line. A '\n' inside text breaks the line too. */
export type Body = readonly Inline[];

export const bold = (text: string): Span => ({ text, style: 'bold' });
export const italic = (text: string): Span => ({ text, style: 'italic' });
export const strike = (text: string): Span => ({ text, style: 'strike' });
export const link = (text: string, href: string): Span => ({ text, href });

function flatten(inline: Inline, into: Span[]): Span[] {
  if (typeof inline === 'string') {
    if (inline) into.push({ text: inline });
  } else if (Array.isArray(inline)) {
    for (const part of inline as readonly Inline[]) flatten(part, into);
  } else if ((inline as Span).text) into.push(inline as Span);
  return into;
}

/** The body as lines of spans; no span crosses a line, so a rendered line is self-contained. */
export function bodyLines(body: Body): Span[][] {
  const lines: Span[][] = [];
  for (const entry of body) {
    let line: Span[] = [];
    for (const span of flatten(entry, [])) {
      const pieces = span.text.split('\n');
      pieces.forEach((text, i) => {
        if (i > 0) {
          lines.push(line);
          line = [];
        }
        if (text) line.push({ ...span, text });
      });
    }
    lines.push(line);
  }
  return lines;
}

/** Renders each line with the channel's span renderer; lines are joined with '\n'. */
export function renderBody(body: Body, renderSpan: (span: Span) => string): string {
  return bodyLines(body)
    .map((line) => line.map(renderSpan).join(''))
    .join('\n');
}

/** The text alone, for plain-text email, paper and logs; a link keeps its address. */
export function plainText(body: Body): string {
  return renderBody(body, (s) => (s.href && s.href !== s.text ? `${s.text} (${s.href})` : s.text));
}

/** A button under a message: it sends `payload` back when pressed, or opens `url`. */
export type Button = { readonly label: string; readonly payload: string } | { readonly label: string; readonly url: string };

/** What the conversation shows: a body and rows of buttons. */
export interface Screen {
  readonly body: Body;
  readonly buttons?: readonly (readonly Button[])[];
}

/**
 * A text of our own locales that marks words bold with <b>…</b> (the only tag they use).
 * Only for texts without interpolated values: a value is never read as markup.
 */
export function localeMarkup(text: string): Body {
  return text.split('\n').map((line) => line.split(/<b>(.*?)<\/b>/).map((part, i) => (i % 2 === 1 ? bold(part) : part)));
}
