// Reads a migrated database's catalog and lists what would stop Citus from sharding it by
// schoolId (src/db/tenancy.ts says which tables are tenant, reference or local).
import type pg from 'pg';
import { classifyTable, type Tenancy } from '../../../src/db/tenancy.js';

const COLUMN = 'schoolId';

interface UniqueIndex {
  table: string;
  name: string;
  primary: boolean;
  columns: string[];
}

interface ForeignKey {
  table: string;
  name: string;
  target: string;
  pairs: Array<[string, string]>;
}

async function readCatalog(pool: pg.Pool) {
  const tables = await pool.query<{ table: string; notNull: boolean | null }>(
    `SELECT c.relname AS table, a.attnotnull AS "notNull"
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = $1 AND NOT a.attisdropped
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')`,
    [COLUMN],
  );
  const uniques = await pool.query<UniqueIndex>(
    `SELECT t.relname AS table, i.relname AS name, x.indisprimary AS primary,
            ARRAY(SELECT a.attname FROM unnest(x.indkey) k JOIN pg_attribute a
                    ON a.attrelid = t.oid AND a.attnum = k)::text[] AS columns
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = current_schema() AND x.indisunique`,
  );
  const fks = await pool.query<{ table: string; name: string; target: string; from: string[]; to: string[] }>(
    `SELECT t.relname AS table, c.conname AS name, r.relname AS target,
            ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, o)
                    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o)::text[] AS from,
            ARRAY(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(n, o)
                    JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.o)::text[] AS to
       FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class r ON r.oid = c.confrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = current_schema() AND c.contype = 'f'`,
  );
  const foreignKeys: ForeignKey[] = fks.rows.map((fk) => ({
    table: fk.table,
    name: fk.name,
    target: fk.target,
    pairs: fk.from.map((column, i) => [column, fk.to[i]!] as [string, string]),
  }));
  return { tables: tables.rows, uniques: uniques.rows, foreignKeys };
}

/** Which tables a table of each kind may reference (Citus' rules for colocated foreign keys). */
const MAY_REFERENCE: Record<Tenancy, Tenancy[]> = {
  tenant: ['tenant', 'reference'],
  reference: ['reference'],
  local: ['reference', 'local'],
};

/** Every rule the catalog breaks, one line each: "<table>: <constraint> <what is wrong>". */
export async function findCitusViolations(pool: pg.Pool): Promise<string[]> {
  const { tables, uniques, foreignKeys } = await readCatalog(pool);
  const out: string[] = [];
  for (const { table, notNull } of tables) {
    const kind = classifyTable(table);
    if (!kind) out.push(`${table}: not classified in src/db/tenancy.ts`);
    else if (kind === 'tenant' && notNull === null) out.push(`${table}: tenant table without ${COLUMN}`);
    else if (kind === 'tenant' && !notNull) out.push(`${table}: ${COLUMN} may be null`);
  }
  for (const index of uniques) {
    if (classifyTable(index.table) !== 'tenant' || index.columns.includes(COLUMN)) continue;
    const what = index.primary ? 'primary key' : 'unique index';
    out.push(`${index.table}: ${what} ${index.name} (${index.columns.join(', ')}) lacks ${COLUMN}`);
  }
  for (const fk of foreignKeys) {
    const from = classifyTable(fk.table);
    const to = classifyTable(fk.target);
    if (!from || !to) continue; // reported as unclassified above
    if (!MAY_REFERENCE[from].includes(to)) {
      out.push(`${fk.table}: foreign key ${fk.name} is a ${from} table referencing ${to} table ${fk.target}`);
    } else if (from === 'tenant' && to === 'tenant' && !fk.pairs.some(([a, b]) => a === COLUMN && b === COLUMN)) {
      out.push(`${fk.table}: foreign key ${fk.name} to ${fk.target} lacks ${COLUMN}`);
    }
  }
  return out.sort();
}
