// Writes the next migration, as `prisma migrate dev --create-only --name <name>` would,
// without the Prisma CLI's native schema engine (a download that is not always possible):
// a scratch PostgreSQL gets the existing migrations, and Prisma's wasm schema engine diffs
// that database against prisma/schema.prisma.
//
//   npx tsx scripts/create-migration.ts <name>
import path from 'node:path';
import {
  applyMigrationDirectories,
  checkLockFile,
  migrationSlug,
  migrationTimestamp,
  readMigrationDirectories,
  writeMigration,
} from './lib/migration-files.js';
import { diffDatabaseToSchema, PROJECT_ROOT } from './lib/schema-diff.js';
import { startThrowawayPostgres } from './lib/throwaway-postgres.js';

// Statements that can lose data or fail on a non-empty table. `migrate dev` lists such
// steps in a "Warnings" comment at the top of the file; the engine's diff does not, so
// we point them out instead.
const RISKY = /^(DROP |ALTER TABLE .* DROP |ALTER TABLE .* ALTER COLUMN .* (TYPE|SET NOT NULL)|ALTER TABLE .* ADD COLUMN .* NOT NULL(?!.* DEFAULT ))/;

async function main(): Promise<number> {
  const [name, ...extra] = process.argv.slice(2);
  if (!name || extra.length > 0) {
    console.error('usage: npx tsx scripts/create-migration.ts <name>');
    return 2;
  }
  const slug = migrationSlug(name);
  await checkLockFile();
  const migrations = await readMigrationDirectories();

  const server = await startThrowawayPostgres();
  let sql: string;
  try {
    await applyMigrationDirectories(server.url, migrations);
    sql = await diffDatabaseToSchema(server.url);
  } finally {
    await server.stop();
  }

  if (!sql) {
    console.log(`No changes: prisma/schema.prisma matches the ${migrations.length} existing migration(s). Nothing written.`);
    return 0;
  }
  const file = await writeMigration(`${migrationTimestamp()}_${slug}`, sql);
  console.log(`Created ${path.relative(PROJECT_ROOT, file)}`);
  const risky = sql.split('\n').filter((line) => RISKY.test(line));
  if (risky.length > 0) {
    console.log('\nReview before applying; these statements may lose data or fail on existing rows:');
    for (const line of risky) console.log(`  ${line}`);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
