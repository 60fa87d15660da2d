// The rows of a batch a dispatcher still holds, locked in id order. Its multi-row writes
// (the heartbeat's renewal, a batch of sends recorded, a hand-back) run at the same time on
// different connections and overlap; locking each in the order of its own array, two of
// them can wait on each other. PostgreSQL would break such a deadlock only after
// deadlock_timeout, failing one of the writes; in one order they never form.

/**
 * A `held` CTE over `unnest($1::uuid[] ids, $2::uuid[] tokens, …extra)`: the ids of the rows
 * still claimed with those tokens, each locked. `extra` names further arrays, as
 * `name type` pairs (`provider text`), passed as $3 … and selected alongside the id.
 */
export function lockHeldRows(extra: ReadonlyArray<readonly [name: string, type: string]> = []): string {
  const casts = extra.map(([, type], i) => `, $${i + 3}::${type}[]`).join('');
  const names = extra.map(([name]) => `, ${name}`).join('');
  const selected = extra.map(([name]) => `, r.${name}`).join('');
  return `held AS (
    SELECT o.id${selected}
      FROM unnest($1::uuid[], $2::uuid[]${casts}) AS r(id, token${names})
      JOIN outbox_messages o ON o.id = r.id AND o."claimToken" = r.token AND o.status = 'sending'
     ORDER BY o.id
       FOR UPDATE OF o)`;
}
