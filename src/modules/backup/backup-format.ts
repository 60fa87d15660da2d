// The backup file: gzip'd lines. Lines starting with '#' are JSON headers (the file's own,
// then one before each table and one after it); every other line is one row as PostgreSQL's
// row_to_json wrote it, which json_populate_recordset reads back into the same types.
export const BACKUP_FORMAT = 'vestnik-backup';
export const BACKUP_VERSION = 1;

export interface FileHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  serverVersion: string;
  migrations: string[];
}

export interface TableHeader {
  table: string;
  columns: string[];
}

export interface TableFooter {
  end: string;
  rows: number;
}

export interface FileFooter {
  complete: true;
  tables: Record<string, number>;
}

export const headerLine = (value: FileHeader | TableHeader | TableFooter | FileFooter): string => `#${JSON.stringify(value)}\n`;
