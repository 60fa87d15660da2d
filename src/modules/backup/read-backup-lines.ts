// Reads a backup file back as header and row lines, refusing anything that is not one.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { AppError } from '../../lib/app-error.js';

export type BackupLine = { kind: 'header'; value: Record<string, unknown> } | { kind: 'row'; text: string };

export async function* readBackupLines(file: string): AsyncGenerator<BackupLine> {
  const gunzip = createGunzip();
  const input = createReadStream(file).pipe(gunzip);
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      if (line.length === 0) continue;
      if (line.startsWith('#')) {
        yield { kind: 'header', value: JSON.parse(line.slice(1)) as Record<string, unknown> };
      } else {
        yield { kind: 'row', text: line };
      }
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppError('NOT_FOUND', `no backup file ${file}`);
    if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR' || error instanceof SyntaxError) throw new AppError('INVALID_INPUT', `${file} is not a Vestnik backup, or it is damaged`);
    throw error;
  }
}
