// Checks Telegram performs on outgoing content. The fake reproduces the ones
// that catch real bot bugs (unescaped names or marks in HTML, oversized
// callback data, bad command names) with Telegram's own error texts.
import type { FakeReplyMarkup } from './types.js';

export const MAX_TEXT_LENGTH = 4096;
export const MAX_CAPTION_LENGTH = 1024;
const MAX_CALLBACK_DATA_BYTES = 64;

// Tags of Telegram's HTML parse mode (core.telegram.org/bots/api#html-style).
const HTML_TAGS = new Set([
  'b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'span',
  'tg-spoiler', 'a', 'tg-emoji', 'tg-time', 'code', 'pre', 'blockquote',
]);

const ENTITIES_ERROR = "Bad Request: can't parse entities: ";

/**
 * Returns Telegram's error description for HTML it would reject, or undefined.
 * Mirrors the server's parser on the points that matter: every `<` opens a
 * tag, tags must be supported and properly nested. Entities (`&…;`) are not
 * checked because Telegram leaves unknown ones as text.
 */
export function htmlError(text: string): string | undefined {
  const open: string[] = [];
  const byteOffset = (index: number): number => Buffer.byteLength(text.slice(0, index));
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt === -1) break;
    const end = findTagEnd(text, lt + 1);
    if (end === -1) {
      return `${ENTITIES_ERROR}Unclosed start tag at byte offset ${byteOffset(lt)}`;
    }
    const inner = text.slice(lt + 1, end);
    if (inner.startsWith('/')) {
      const name = inner.slice(1).trim().toLowerCase();
      const expected = open.pop();
      if (expected === undefined) {
        return `${ENTITIES_ERROR}Unexpected end tag at byte offset ${byteOffset(lt)}`;
      }
      if (name !== '' && name !== expected) {
        return `${ENTITIES_ERROR}Unmatched end tag at byte offset ${byteOffset(lt)}, expected "</${expected}>", found "</${name}>"`;
      }
    } else {
      const name = (/^[^\s/>]*/.exec(inner)?.[0] ?? '').toLowerCase();
      if (!HTML_TAGS.has(name)) {
        return `${ENTITIES_ERROR}Unsupported start tag "${name}" at byte offset ${byteOffset(lt)}`;
      }
      open.push(name);
    }
    i = end + 1;
  }
  const unclosed = open.pop();
  if (unclosed !== undefined) {
    return `${ENTITIES_ERROR}Can't find end tag corresponding to start tag "${unclosed}"`;
  }
  return undefined;
}

/** Index of the `>` closing a tag, skipping quoted attribute values. */
function findTagEnd(text: string, from: number): number {
  let quote: string | undefined;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '>') {
      return i;
    } else if (ch === '<') {
      return -1;
    }
  }
  return -1;
}

/** Length Telegram counts: the visible text, i.e. without HTML tags. */
export function visibleLength(text: string, parseMode: unknown): number {
  if (parseMode !== 'HTML') return text.length;
  return text
    .replace(/<[^>]*>/g, '')
    .replace(/&(lt|gt|amp|quot|#\d+|#x[0-9a-f]+);/gi, '_').length;
}

export function textError(
  text: unknown,
  parseMode: unknown,
  checkHtml: boolean,
  limit: number,
  emptyError: string | undefined,
): string | undefined {
  if (typeof text !== 'string' || text.trim() === '') return emptyError;
  if (checkHtml && parseMode === 'HTML') {
    const error = htmlError(text);
    if (error !== undefined) return error;
  }
  if (visibleLength(text, parseMode) > limit) {
    return limit === MAX_TEXT_LENGTH
      ? 'Bad Request: message is too long'
      : 'Bad Request: message caption is too long';
  }
  return undefined;
}

export function replyMarkupError(markup: unknown): string | undefined {
  if (markup === undefined) return undefined;
  if (typeof markup !== 'object' || markup === null) {
    return "Bad Request: can't parse reply keyboard markup JSON object";
  }
  const rows = (markup as FakeReplyMarkup).inline_keyboard;
  if (rows === undefined) return undefined;
  if (!Array.isArray(rows) || rows.some((row) => !Array.isArray(row))) {
    return "Bad Request: can't parse inline keyboard button: field \"inline_keyboard\" must be an Array of Arrays";
  }
  for (const button of rows.flat()) {
    if (typeof button?.text !== 'string' || button.text === '') {
      return 'Bad Request: BUTTON_TEXT_INVALID';
    }
    const data = button.callback_data;
    if (data !== undefined && (typeof data !== 'string' || data === '' ||
        Buffer.byteLength(data) > MAX_CALLBACK_DATA_BYTES)) {
      return 'Bad Request: BUTTON_DATA_INVALID';
    }
  }
  return undefined;
}

export function commandsError(commands: unknown): string | undefined {
  if (!Array.isArray(commands) || commands.length > 100) {
    return 'Bad Request: commands must be an array of at most 100 BotCommand';
  }
  for (const entry of commands as Array<{ command?: unknown; description?: unknown }>) {
    if (typeof entry?.command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(entry.command)) {
      return 'Bad Request: BOT_COMMAND_INVALID';
    }
    const description = entry.description;
    if (typeof description !== 'string' || description.length < 1 || description.length > 256) {
      return 'Bad Request: BOT_COMMAND_DESCRIPTION_INVALID';
    }
  }
  return undefined;
}
