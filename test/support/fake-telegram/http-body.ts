// Decoding of Bot API request bodies. Telegram accepts query strings,
// urlencoded forms, JSON and multipart/form-data; grammY sends JSON for plain
// calls and multipart as soon as an InputFile is attached.
import type { IncomingMessage } from 'node:http';

import type { UploadedFile } from './types.js';

export interface ParsedRequest {
  payload: Record<string, unknown>;
  files: Record<string, UploadedFile>;
}

export class BodyError extends Error {}

// Large enough for any document a school bot sends, small enough that a
// runaway test cannot exhaust memory.
const MAX_BODY_BYTES = 50 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new BodyError('Request Entity Too Large');
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

export function parseRequest(
  contentType: string | undefined,
  body: Buffer,
  query: URLSearchParams,
): ParsedRequest {
  const payload: Record<string, unknown> = {};
  for (const [key, value] of query) payload[key] = coerceField(key, value);
  const files: Record<string, UploadedFile> = {};
  const type = (contentType ?? '').toLowerCase();

  if (body.length === 0) return { payload, files };
  if (type.startsWith('application/json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw new BodyError("Bad Request: can't parse JSON");
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new BodyError("Bad Request: can't parse JSON");
    }
    Object.assign(payload, parsed);
  } else if (type.startsWith('application/x-www-form-urlencoded')) {
    for (const [key, value] of new URLSearchParams(body.toString('utf8'))) {
      payload[key] = coerceField(key, value);
    }
  } else if (type.startsWith('multipart/form-data')) {
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
    const marker = boundary?.[1] ?? boundary?.[2];
    if (marker === undefined) throw new BodyError('Bad Request: multipart boundary missing');
    const parts = parseMultipart(body, marker.trim());
    const uploads: UploadedFile[] = [];
    for (const part of parts) {
      if (part.filename === undefined) {
        payload[part.name] = coerceField(part.name, part.data.toString('utf8'));
      } else {
        uploads.push({
          field: part.name,
          filename: part.filename,
          contentType: part.contentType ?? 'application/octet-stream',
          data: part.data,
        });
      }
    }
    attachFiles(payload, uploads, files);
  }
  return { payload, files };
}

// Free-text parameters must stay strings even when they look like JSON
// (a message "42" is text, not a number).
const TEXT_FIELDS = new Set([
  'text',
  'caption',
  'description',
  'short_description',
  'title',
  'url',
  'name',
  'callback_query_id',
  'inline_message_id',
  'secret_token',
  'query',
  'parse_mode',
  'language_code',
]);

/**
 * Form encodings carry everything as strings; Telegram decodes each value by
 * its schema. Without the schema we decode JSON-looking values (numbers,
 * booleans, objects, arrays) except in known free-text fields, which keeps
 * `chat_id` numeric and `reply_markup` an object as in JSON requests.
 */
export function coerceField(key: string, value: string): unknown {
  if (TEXT_FIELDS.has(key)) return value;
  if (/^-?\d+$/.test(value)) {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : value;
  }
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (value.startsWith('{') || value.startsWith('[')) {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }
  return value;
}

interface Part {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

function parseMultipart(body: Buffer, boundary: string): Part[] {
  // Every delimiter after the first is preceded by CRLF; prefixing one lets a
  // single separator split the whole body.
  const source = Buffer.concat([Buffer.from('\r\n'), body]);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const parts: Part[] = [];
  let pos = source.indexOf(delimiter);
  while (pos !== -1) {
    const start = pos + delimiter.length;
    if (source.subarray(start, start + 2).toString() === '--') break; // closing delimiter
    const next = source.indexOf(delimiter, start);
    if (next === -1) throw new BodyError('Bad Request: unterminated multipart body');
    const chunk = source.subarray(start, next);
    const headerEnd = chunk.indexOf('\r\n\r\n');
    if (headerEnd === -1) throw new BodyError('Bad Request: malformed multipart part');
    const headers = chunk.subarray(0, headerEnd).toString('utf8');
    const disposition = /content-disposition\s*:([^\r\n]*)/i.exec(headers)?.[1] ?? '';
    const name = /(?:^|;)\s*name="([^"]*)"/i.exec(disposition)?.[1];
    if (name === undefined) throw new BodyError('Bad Request: multipart part without name');
    // grammY writes `filename=report.pdf` without quotes, browsers quote it.
    const filenameMatch = /(?:^|;)\s*filename=(?:"([^"]*)"|([^;\r\n]*))/i.exec(disposition);
    const part: Part = { name, data: Buffer.from(chunk.subarray(headerEnd + 4)) };
    if (filenameMatch) part.filename = (filenameMatch[1] ?? filenameMatch[2] ?? '').trim();
    const type = /content-type\s*:\s*([^\r\n]*)/i.exec(headers)?.[1]?.trim();
    if (type !== undefined) part.contentType = type;
    parts.push(part);
    pos = next;
  }
  return parts;
}

/** Resolve `attach://<field>` references so files are keyed by parameter. */
function attachFiles(
  payload: Record<string, unknown>,
  uploads: UploadedFile[],
  files: Record<string, UploadedFile>,
): void {
  const byField = new Map(uploads.map((file) => [file.field, file]));
  for (const [key, value] of Object.entries(payload)) {
    if (typeof value !== 'string' || !value.startsWith('attach://')) continue;
    const file = byField.get(value.slice('attach://'.length));
    if (file === undefined) continue;
    files[key] = file;
    byField.delete(file.field);
  }
  // A file part named after its parameter (curl -F document=@x) or nested in
  // a media group stays reachable under its form field name.
  for (const file of byField.values()) files[file.field] = file;
}
