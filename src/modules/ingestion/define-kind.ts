// The upsert machinery of every kind keyed by externalId, driven by a declaration: which
// table, which references to resolve, which columns to write and which events to record
// (journal-kinds.ts and roster-kinds.ts). Kinds with their own SQL (marks, deletions,
// final marks, substitutions) implement BatchKind directly.
import type { z } from 'zod';
import type { NewDomainEvent } from '../events/event-types.js';
import type { BatchKind, RowError, SchoolScope } from './batch-types.js';
import { rowParser } from './field-schemas.js';
import { loadReferences, resolve, type Reference, type ReferenceKind } from './load-references.js';
import { recordEvents } from './record-events.js';
import { countWritten, upsertByExternalId } from './upsert-by-external-id.js';

export interface DeclaredRow<Row> {
  row: Row;
  /** The rows named by the row's references, by field (absent: an empty optional one). */
  refs: Partial<Record<string, Reference>>;
  /** Ids named by list references, sorted, so the same list in another order is no change. */
  lists: Partial<Record<string, string[]>>;
  /** The stored values of `previous` columns, for a row that exists already. */
  previous: Record<string, unknown> | undefined;
}

export interface ReferenceSpec<Row> {
  field: keyof Row & string;
  kind: ReferenceKind;
  /** The uuid column the resolved id is written to (null for an empty optional reference). */
  column?: string;
  /** The field holds a list of externalIds (a holiday's classes). */
  list?: boolean;
}

export interface ColumnSpec<Row> {
  name: string;
  /** Element type of the array parameter (text, uuid, date, int4, float8, "PeriodKind"). */
  type: string;
  cast?: string;
  value: (prepared: DeclaredRow<Row>) => unknown;
}

export interface KindDeclaration<Row extends { externalId: string }> {
  name: string;
  table: string;
  schema: z.ZodType<Row, unknown>;
  references?: Array<ReferenceSpec<Row>>;
  /** Stored columns the events compare with (a test moved to another day). */
  previous?: string[];
  columns: Array<ColumnSpec<Row>>;
  events?: (prepared: DeclaredRow<Row>, written: { id: string; created: boolean }, school: SchoolScope) => NewDomainEvent[];
}

export function defineKind<Row extends { externalId: string }>(spec: KindDeclaration<Row>): BatchKind<Row, DeclaredRow<Row>> {
  const references = spec.references ?? [];
  return {
    name: spec.name,
    parseRow: rowParser(spec.schema),
    keyOf: (row) => row.externalId,
    keyField: 'externalId',
    async prepare(tx, school, rows) {
      const maps = new Map<string, Map<string, Reference>>();
      for (const ref of references) {
        const ids = rows.flatMap(({ row }) => namedIds(row[ref.field]));
        maps.set(ref.field, await loadReferences(tx, ref.kind, school.id, ids));
      }
      const previous = new Map<string, Record<string, unknown>>();
      if (spec.previous?.length) {
        const { rows: stored } = await tx.query<Record<string, unknown> & { externalId: string }>(
          `SELECT "externalId", ${spec.previous.map((c) => `"${c}"`).join(', ')} FROM ${spec.table} WHERE "schoolId" = $1 AND "externalId" = ANY($2::text[])`,
          [school.id, rows.map((r) => r.row.externalId)],
        );
        for (const s of stored) previous.set(s.externalId, s);
      }
      const errors: RowError[] = [];
      const prepared: Array<DeclaredRow<Row>> = [];
      for (const { index, row } of rows) {
        const declared: DeclaredRow<Row> = { row, refs: {}, lists: {}, previous: previous.get(row.externalId) };
        let ok = true;
        for (const ref of references) {
          const map = maps.get(ref.field) as Map<string, Reference>;
          const value = row[ref.field];
          if (ref.list) {
            const ids = new Set<string>();
            namedIds(value).forEach((externalId, position) => {
              const found = resolve(map, ref.kind, externalId, index, `${ref.field}.${position}`, errors);
              if (found) ids.add(found.id);
              else ok = false;
            });
            declared.lists[ref.field] = [...ids].sort();
          } else if (typeof value === 'string') {
            const found = resolve(map, ref.kind, value, index, ref.field, errors);
            if (found) declared.refs[ref.field] = found;
            else ok = false;
          }
        }
        if (ok) prepared.push(declared);
      }
      return { errors, rows: prepared };
    },
    async write(tx, school, rows) {
      const written = await upsertByExternalId(
        tx,
        spec.table,
        school.id,
        rows.map((r) => r.row.externalId),
        [
          ...references.flatMap((ref) => (ref.column ? [{ name: ref.column, type: 'uuid', values: rows.map((r) => refId(r, ref.field)) }] : [])),
          ...spec.columns.map((c) => ({ name: c.name, type: c.type, cast: c.cast, values: rows.map(c.value) })),
        ],
      );
      if (spec.events) {
        const byExternalId = new Map(rows.map((r) => [r.row.externalId, r]));
        const events: NewDomainEvent[] = [];
        for (const w of written) {
          const r = byExternalId.get(w.externalId);
          if (r) events.push(...spec.events(r, w, school));
        }
        await recordEvents(tx, events);
      }
      return countWritten(written);
    },
  };
}

function namedIds(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? (value as string[]) : [];
}

/** The id of a resolved reference (required references always resolve for a prepared row). */
export function refId<Row>(prepared: DeclaredRow<Row>, field: string): string | null {
  return prepared.refs[field]?.id ?? null;
}

export function refLabel<Row>(prepared: DeclaredRow<Row>, field: string): string {
  return prepared.refs[field]?.label ?? '';
}
