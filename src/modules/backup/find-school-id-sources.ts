// Where a restore takes a row's schoolId from when the backup predates that column: a school
// table that gained schoolId (for sharding by school) has a (schoolId, <parent>Id) foreign key
// to a parent that already carried it, and parents are restored first.
import type pg from 'pg';

export interface SchoolIdSource {
  /** The child's column naming the parent row, e.g. guardianId. */
  column: string;
  parent: string;
  /** The parent's column that column refers to (its id). */
  parentColumn: string;
}

type Queryable = Pick<pg.PoolClient, 'query'>;

/** Per table with a schoolId column, the parent to read it from (a NOT NULL reference first). */
export async function findSchoolIdSources(db: Queryable): Promise<Map<string, SchoolIdSource>> {
  const { rows } = await db.query<{ table: string; column: string; parent: string; parentColumn: string }>(
    `SELECT t.relname AS table, a.attname AS column, r.relname AS parent, pa.attname AS "parentColumn"
       FROM pg_constraint c
       JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class r ON r.oid = c.confrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       JOIN pg_attribute s ON s.attrelid = c.conrelid AND s.attnum = c.conkey[1] AND s.attname = 'schoolId'
       JOIN pg_attribute ps ON ps.attrelid = c.confrelid AND ps.attnum = c.confkey[1] AND ps.attname = 'schoolId'
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[2]
       JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = c.confkey[2]
      WHERE c.contype = 'f' AND n.nspname = 'public' AND cardinality(c.conkey) = 2
      ORDER BY t.relname, a.attnotnull DESC, c.conname`,
  );
  const sources = new Map<string, SchoolIdSource>();
  for (const { table, ...source } of rows) if (!sources.has(table)) sources.set(table, source);
  return sources;
}
