// Where every table goes when the database is sharded by school with Citus (docs/scaling.md):
// the schema test (test/db/citus-ready-schema.test.ts) fails on a table missing here, and
// checks that tenant tables carry schoolId in their keys and foreign keys.

/** Distributed by schoolId, colocated with guardians: every row is one school's data. */
export const TENANT_TABLES = [
  'academic_periods',
  'classes',
  'teachers',
  'subjects',
  'students',
  'guardians',
  'guardian_students',
  'consent_records',
  'consent_codes',
  'student_accounts',
  'channels',
  'marks',
  'final_marks',
  'exam_results',
  'homework',
  'lessons',
  'lesson_changes',
  'scheduled_tests',
  'holidays',
  'recommendations',
  'domain_events',
  'subject_forecasts',
  'notification_preferences',
  'outbox_messages',
  'acknowledgments',
  'view_events',
  'staff_users',
  'staff_sessions',
  'paper_batches',
  'push_subscriptions',
  'announcements',
  'announcement_attachments',
  'announcement_reads',
] as const;

/** Replicated to every node: small, shared, joined with tenant tables. Why each is one: */
export const REFERENCE_TABLES: Record<string, string> = {
  schools: 'a few hundred rows per region, read with nearly every tenant query',
  bots: 'the default bots belong to no school; a few per school; senders and webhooks look them up by id',
  api_keys: 'looked up by the key hash before the school is known; one or two per school',
};

/**
 * Kept on the coordinator only, never joined with tenant tables on a hot path. Why each is:
 * the cross-school ones (family sessions, chat link tokens, code attempts) are decided here.
 */
export const LOCAL_TABLES: Record<string, string> = {
  _prisma_migrations: "the migrator's own bookkeeping",
  sender_leases: 'one row per bot or channel sender; workers take and renew them by name',
  send_rates: 'one row per paced channel (email) shared by every worker',
  used_tokens: 'single-use link ids, checked by id before anything else is read',
  processed_updates: 'Telegram update ids already handled, by id, pruned daily',
  processed_max_updates: 'MAX update keys already handled, by key, pruned daily',
  code_attempts:
    'per chat, counted before the code (and so the school) is known; the global alarm counts all schools',
  chat_link_tokens:
    'one family may hold guardians in several schools: the token lists their ids and is read once by its hash',
  family_sessions:
    "one family page may span schools: read by the cookie's hash per request, then each guardian's rows are read with its schoolId",
  audit_log:
    'append-only, written per school and read by the school; system rows have no school, which a distribution column may not be',
  agenda_jobs: "Agenda's job queue (created by Agenda at start-up): recurring jobs, not school data",
};

export type Tenancy = 'tenant' | 'reference' | 'local';

const TENANT = new Set<string>(TENANT_TABLES);

export function classifyTable(table: string): Tenancy | undefined {
  if (TENANT.has(table)) return 'tenant';
  if (table in REFERENCE_TABLES) return 'reference';
  if (table in LOCAL_TABLES) return 'local';
  return undefined;
}
