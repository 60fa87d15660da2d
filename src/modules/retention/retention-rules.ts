// What the retention job deletes, table by table (152-ФЗ: personal data is kept no longer
// than its purpose needs). School-scoped periods are columns of `schools`; rows that belong
// to no school (code attempts, webhook update ids, staff sessions) have fixed periods.
// Each rule selects the ids of rows past their period: $1 is the moment the run counts
// from, $2 the one school to handle (null: all of them).

/** Per-chat code limits look back an hour and the guessing alarm ten minutes; a month is plenty for investigating. */
export const CODE_ATTEMPT_RETENTION_DAYS = 30;
/** Telegram resends a webhook update for at most a day. */
export const PROCESSED_UPDATE_RETENTION_DAYS = 7;

export const RETENTION_TABLES = ['domain_events', 'outbox_messages', 'view_events', 'code_attempts', 'processed_updates', 'staff_sessions'] as const;
export type RetentionTable = (typeof RETENTION_TABLES)[number];

export interface RetentionRule {
  table: RetentionTable;
  /** What the select yields: id, or ("schoolId", id) where that is the primary key. */
  key: string;
  /** Rows of no school are handled only by a run over all schools. */
  global: boolean;
  /** SELECT of the keys to delete. */
  select: string;
}

const FINAL_OUTBOX_STATUSES = `'sent', 'failed', 'fell_back', 'acknowledged', 'cancelled'`;

export const RETENTION_RULES: readonly RetentionRule[] = [
  {
    // Unplanned events are never deleted: the planner still owes them. An event of a
    // deleted school (no foreign key, see the schema) has no period left at all.
    table: 'domain_events',
    key: '("schoolId", id)',
    global: false,
    select: `SELECT e."schoolId", e.id FROM domain_events e LEFT JOIN schools s ON s.id = e."schoolId"
              WHERE ($2::uuid IS NULL OR e."schoolId" = $2::uuid) AND e."plannedAt" IS NOT NULL
                AND e."plannedAt" < $1::timestamptz - make_interval(days => coalesce(s."retainEventsDays", 0))`,
  },
  {
    table: 'outbox_messages',
    key: 'id',
    global: false,
    select: `SELECT o.id FROM outbox_messages o JOIN schools s ON s.id = o."schoolId"
              WHERE ($2::uuid IS NULL OR o."schoolId" = $2::uuid) AND o.status IN (${FINAL_OUTBOX_STATUSES})
                AND o."updatedAt" < $1::timestamptz - make_interval(days => s."retainOutboxDays")`,
  },
  {
    table: 'view_events',
    key: '("schoolId", id)',
    global: false,
    select: `SELECT v."schoolId", v.id FROM view_events v JOIN schools s ON s.id = v."schoolId"
              WHERE ($2::uuid IS NULL OR v."schoolId" = $2::uuid)
                AND v."viewedAt" < $1::timestamptz - make_interval(days => s."retainViewEventsDays")`,
  },
  {
    table: 'code_attempts',
    key: 'id',
    global: true,
    select: `SELECT id FROM code_attempts WHERE $2::uuid IS NULL
                AND "createdAt" < $1::timestamptz - make_interval(days => ${CODE_ATTEMPT_RETENTION_DAYS})`,
  },
  {
    table: 'processed_updates',
    key: '"updateId"',
    global: true,
    select: `SELECT "updateId" FROM processed_updates WHERE $2::uuid IS NULL
                AND "receivedAt" < $1::timestamptz - make_interval(days => ${PROCESSED_UPDATE_RETENTION_DAYS})`,
  },
  {
    // An expired session can never be used again (see staff/sessions.ts): gone at once. Plain
    // SQL like the other rules, so the daily run does not wake Prisma's query compiler (~60 MB).
    table: 'staff_sessions',
    key: 'id',
    global: true,
    select: `SELECT id FROM staff_sessions WHERE $2::uuid IS NULL AND "expiresAt" <= $1::timestamptz`,
  },
];
