// A data-subject request (152-ФЗ art. 14): everything Vestnik holds about one family, as
// one JSON file. The export itself is audited, without the data it contains.
import { writeFile } from 'node:fs/promises';
import type pg from 'pg';
import { AppError } from '../../lib/app-error.js';

export interface ExportResult {
  file: string;
  guardianId: string;
  /** Rows exported, over every section. */
  records: number;
  sections: Record<string, number>;
}

/** Each section: the rows about the guardian, newest first where time matters. */
const SECTIONS: Record<string, string> = {
  guardian: `SELECT g.* FROM guardians g WHERE g.id = $1`,
  children: `SELECT s.id AS "studentId", s."fullName", c.name AS "className", gs.relation, gs."createdAt" AS "linkedAt" FROM guardian_students gs JOIN students s ON s.id = gs."studentId" LEFT JOIN classes c ON c.id = s."classId" WHERE gs."guardianId" = $1`,
  channels: `SELECT * FROM channels WHERE "guardianId" = $1`,
  // The browser's keys stay out: the auth secret is the browser's, and useless to the family.
  pushSubscriptions: `SELECT id, endpoint, "userAgent", active, "createdAt", "lastSuccessAt" FROM push_subscriptions WHERE "guardianId" = $1 ORDER BY "createdAt" DESC`,
  consentRecords: `SELECT * FROM consent_records WHERE "guardianId" = $1 ORDER BY "recordedAt" DESC`,
  consentCodes: `SELECT id, "studentId", status, "issuedAt", "expiresAt", "activatedAt", "redeemedAt", "revokedAt" FROM consent_codes WHERE "guardianId" = $1 OR "redeemedByGuardianId" = $1`,
  preferences: `SELECT * FROM notification_preferences WHERE "guardianId" = $1`,
  messages: `SELECT id, "channelType", kind, critical, payload, status, attempts, "createdAt", "sentAt", error FROM outbox_messages WHERE "guardianId" = $1 ORDER BY "createdAt" DESC`,
  acknowledgments: `SELECT * FROM acknowledgments WHERE "guardianId" = $1 ORDER BY "acknowledgedAt" DESC`,
  views: `SELECT * FROM view_events WHERE "guardianId" = $1 ORDER BY "viewedAt" DESC`,
  auditLog: `SELECT * FROM audit_log WHERE "targetId" = $1::text OR ("actorType" = 'guardian' AND "actorId" = $1::text) ORDER BY "createdAt" DESC`,
};

export async function exportGuardianData(
  pool: pg.Pool,
  input: { schoolId: string; guardianId: string; file: string; actor: { type: string; id: string | null }; now?: Date },
): Promise<ExportResult> {
  const { rows: found } = await pool.query<{ id: string }>(`SELECT id FROM guardians WHERE id::text = $1 AND "schoolId"::text = $2`, [input.guardianId, input.schoolId]);
  if (found.length === 0) throw new AppError('NOT_FOUND', `no guardian ${input.guardianId} in school ${input.schoolId}`);
  const guardianId = found[0]!.id;
  const client = await pool.connect();
  const data: Record<string, unknown[]> = {};
  try {
    // One snapshot, so the sections agree with each other.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    for (const [name, sql] of Object.entries(SECTIONS)) data[name] = (await client.query(sql, [guardianId])).rows;
    const sections = Object.fromEntries(Object.entries(data).map(([name, rows]) => [name, rows.length]));
    await client.query(
      `INSERT INTO audit_log ("schoolId", "actorType", "actorId", action, "targetType", "targetId", details, "createdAt") VALUES ($1, $2, $3, 'guardian.export', 'guardian', $4, $5, $6)`,
      [input.schoolId, input.actor.type, input.actor.id, guardianId, JSON.stringify({ sections }), input.now ?? new Date()],
    );
    const exportedAt = (input.now ?? new Date()).toISOString();
    // 0600: the file is the family's personal data.
    await writeFile(input.file, `${JSON.stringify({ exportedAt, schoolId: input.schoolId, ...data }, jsonValue, 2)}\n`, { mode: 0o600 });
    await client.query('COMMIT');
    return { file: input.file, guardianId, records: Object.values(sections).reduce((a, b) => a + b, 0), sections };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Autoincrement ids arrive as bigint strings already; anything else bigint becomes a string. */
function jsonValue(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
