import { createReadStream } from 'node:fs';
import iconv from 'iconv-lite';

export type TextEncoding = 'utf-8' | 'windows-1251';

/**
 * UTF-8 or Windows-1251 (what Russian e-journals export). Cyrillic in Windows-1251 is
 * almost never valid UTF-8, so a file that decodes as UTF-8 throughout is taken as UTF-8.
 */
export async function detectEncoding(file: string): Promise<TextEncoding> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of createReadStream(file)) decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return 'utf-8';
  } catch {
    return 'windows-1251';
  }
}

/** `;` (Excel with a Russian locale) or `,`: whichever the header line has more of. */
export async function detectDelimiter(file: string, encoding: TextEncoding): Promise<';' | ','> {
  const stream = createReadStream(file, { start: 0, end: 64 * 1024 - 1 });
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const head = iconv.decode(Buffer.concat(chunks), encoding).split(/\r?\n/, 1)[0] ?? '';
  const count = (char: string) => head.split(char).length - 1;
  return count(';') >= count(',') && count(';') > 0 ? ';' : ',';
}
