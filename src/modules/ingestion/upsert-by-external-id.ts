// One statement per batch: unnest the column arrays, insert, and on a known externalId
// update only when a value differs. Unchanged rows are not touched (no new row version,
// no event); `xmax = 0` on the returned row tells an insert from an update.
import type { Tx } from './batch-types.js';

export interface ColumnValues {
  /** Column name as in the table (camelCase, quoted in SQL). */
  name: string;
  /** Element type of the array parameter, e.g. text, uuid, date, int4, float8, "PeriodKind". */
  type: string;
  values: unknown[];
  /** Expression applied to the unnested value, for types unnest cannot carry (arrays). */
  cast?: string;
}

export interface UpsertedRow {
  id: string;
  externalId: string;
  created: boolean;
}

export async function upsertByExternalId<Extra extends object = object>(
  tx: Tx,
  table: string,
  schoolId: string,
  externalIds: string[],
  columns: ColumnValues[],
  options: { returning?: string[]; touchUpdatedAt?: boolean } = {},
): Promise<Array<UpsertedRow & Extra>> {
  if (externalIds.length === 0) return [];
  const quoted = columns.map((c) => `"${c.name}"`);
  const unnestArgs = columns.map((c, i) => `$${i + 3}::${c.type}[]`);
  const selected = columns.map((c, i) => (c.cast ? `u.c${i}::${c.cast}` : `u.c${i}`));
  const aliases = columns.map((_c, i) => `c${i}`);
  const returning = (options.returning ?? []).map((name) => `t."${name}"`);
  const sql = `
    INSERT INTO ${table} AS t ("schoolId", "externalId", ${quoted.join(', ')}, "updatedAt")
    SELECT $1::uuid, u.ext, ${selected.join(', ')}, now()
    FROM unnest($2::text[], ${unnestArgs.join(', ')}) AS u(ext, ${aliases.join(', ')})
    ON CONFLICT ("schoolId", "externalId") DO UPDATE
      SET ${quoted.map((q) => `${q} = EXCLUDED.${q}`).join(', ')}, "updatedAt" = now()
      WHERE (${quoted.map((q) => `t.${q}`).join(', ')}) IS DISTINCT FROM (${quoted.map((q) => `EXCLUDED.${q}`).join(', ')})
    RETURNING t.id, t."externalId", (t.xmax = 0) AS created${returning.length ? `, ${returning.join(', ')}` : ''}`;
  const { rows } = await tx.query<UpsertedRow & Extra>(sql, [schoolId, externalIds, ...columns.map((c) => c.values)]);
  return rows;
}

export function countWritten(rows: Array<{ created: boolean }>): { created: number; updated: number } {
  let created = 0;
  for (const row of rows) if (row.created) created += 1;
  return { created, updated: rows.length - created };
}
