// The tables a backup covers, parents before children, so a restore can insert them in
// this order with every foreign key checked as it goes.
import type pg from 'pg';

export interface TableInfo {
  name: string;
  columns: string[];
  /** Columns filled from a sequence (autoincrement ids): reset after a restore. */
  serialColumns: string[];
}

type Queryable = Pick<pg.PoolClient, 'query'>;

export async function listTables(db: Queryable): Promise<TableInfo[]> {
  const { rows: columns } = await db.query<{ table: string; column: string; serial: boolean }>(
    `SELECT c.table_name AS table, c.column_name AS column, coalesce(c.column_default LIKE 'nextval(%', false) AS serial
       FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
      ORDER BY c.table_name, c.ordinal_position`,
  );
  const { rows: edges } = await db.query<{ child: string; parent: string }>(
    `SELECT DISTINCT cl.relname AS child, pcl.relname AS parent
       FROM pg_constraint k JOIN pg_class cl ON cl.oid = k.conrelid JOIN pg_class pcl ON pcl.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = cl.relnamespace
      WHERE k.contype = 'f' AND n.nspname = 'public' AND cl.oid <> pcl.oid`,
  );
  const tables = new Map<string, TableInfo>();
  for (const row of columns) {
    const table = tables.get(row.table) ?? { name: row.table, columns: [], serialColumns: [] };
    table.columns.push(row.column);
    if (row.serial) table.serialColumns.push(row.column);
    tables.set(row.table, table);
  }
  return sortParentsFirst([...tables.values()], edges);
}

function sortParentsFirst(tables: TableInfo[], edges: Array<{ child: string; parent: string }>): TableInfo[] {
  const parents = new Map(tables.map((t) => [t.name, new Set<string>()]));
  for (const { child, parent } of edges) parents.get(child)?.add(parent);
  const sorted: TableInfo[] = [];
  const placed = new Set<string>();
  let remaining = [...tables].sort((a, b) => a.name.localeCompare(b.name));
  while (remaining.length > 0) {
    const ready = remaining.filter((t) => [...(parents.get(t.name) ?? [])].every((p) => placed.has(p) || !parents.has(p)));
    // A cycle between tables would need deferred constraints; the schema has none, so say so loudly.
    if (ready.length === 0) throw new Error(`foreign keys form a cycle among ${remaining.map((t) => t.name).join(', ')}`);
    for (const table of ready) {
      sorted.push(table);
      placed.add(table.name);
    }
    remaining = remaining.filter((t) => !placed.has(t.name));
  }
  return sorted;
}
