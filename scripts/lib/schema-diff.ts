// The SQL that would bring a database to what prisma/schema.prisma describes, rendered by
// Prisma's own schema engine: the body of the migration `prisma migrate dev` would write.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withSchemaEngine } from './schema-engine.js';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SCHEMA_PATH = path.join(PROJECT_ROOT, 'prisma', 'schema.prisma');

export interface SchemaDiffOptions {
  /** Defaults to prisma/schema.prisma. */
  schemaPath?: string;
  /** Receives the engine's JSON log lines. */
  onLog?: (line: string) => void;
}

/**
 * Diffs the live database at `url` (its `public` schema; Prisma's own `_prisma_migrations`
 * table is ignored) against the Prisma schema. Returns the migration script, or '' when
 * the database already matches the schema.
 */
export async function diffDatabaseToSchema(url: string, options: SchemaDiffOptions = {}): Promise<string> {
  const schemaPath = options.schemaPath ?? SCHEMA_PATH;
  const content = await readFile(schemaPath, 'utf8');
  // Relative paths keep this machine's layout out of the engine's messages.
  const files = [{ path: path.relative(PROJECT_ROOT, schemaPath), content }];
  return withSchemaEngine(url, { schemaFiles: files.map((f) => [f.path, f.content]), onLog: options.onLog }, async (engine) => {
    const result = await engine.diff({
      // "schemaDatasource" is the database the engine is connected to. The "url" target is
      // refused by the wasm engine, and "empty" would add a CREATE SCHEMA "public" that
      // `migrate dev` (which diffs from a real, empty shadow database) never writes.
      from: { tag: 'schemaDatasource', files, configDir: path.dirname(schemaPath) },
      to: { tag: 'schemaDatamodel', files },
      script: true,
      // With exitCode set the engine reports 2 for a non-empty diff; an empty one still
      // renders as the comment "-- This is an empty migration."
      exitCode: true,
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.exitCode === 2 ? (result.stdout ?? '') : '';
  });
}
