// Migrations in prisma/migrations that the database has not applied (readiness: a
// process running newer code than its database must not take traffic).
import type pg from 'pg';
import { readMigrations } from './migrate.js';

export async function pendingMigrations(pool: pg.Pool): Promise<string[]> {
  const files = await readMigrations();
  const { rows } = await pool.query<{ name: string }>(
    `SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  const applied = new Set(rows.map((r) => r.name));
  return files.map((f) => f.name).filter((name) => !applied.has(name));
}
