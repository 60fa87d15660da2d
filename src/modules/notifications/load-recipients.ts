// Guardians a student's or a class's event reaches: linked, active, with signed consent
// for that student (R3), with their preferences and channels.
import type pg from 'pg';
import type { ChannelRow } from './choose-channels.js';
import type { Lang } from './types.js';

export interface Recipient {
  guardianId: string;
  studentId: string;
  classId: string;
  studentName: string;
  schoolName: string;
  lang: Lang;
  instantAbsences: boolean;
  instantMarks: boolean;
  instantRecommendations: boolean;
  instantRisk: boolean;
  instantTimetable: boolean;
  quietFrom: string | null;
  quietTo: string | null;
  channels: ChannelRow[];
}

type Queryable = Pick<pg.PoolClient, 'query'>;

export async function loadRecipients(client: Queryable, studentIds: string[], classIds: string[]): Promise<Recipient[]> {
  if (studentIds.length === 0 && classIds.length === 0) return [];
  const { rows } = await client.query<Omit<Recipient, 'channels'>>(
    `SELECT g.id AS "guardianId", st.id AS "studentId", st."classId" AS "classId", st."fullName" AS "studentName",
            s.name AS "schoolName", COALESCE(g.locale, s."defaultLocale")::text AS lang,
            COALESCE(p."instantAbsences", true) AS "instantAbsences",
            COALESCE(p."instantMarks", false) AS "instantMarks",
            COALESCE(p."instantRecommendations", false) AS "instantRecommendations",
            COALESCE(p."instantRisk", true) AS "instantRisk",
            COALESCE(p."instantTimetable", true) AS "instantTimetable",
            p."quietFrom", p."quietTo"
       FROM students st
       JOIN schools s ON s.id = st."schoolId"
       JOIN guardian_students gs ON gs."studentId" = st.id
       JOIN guardians g ON g.id = gs."guardianId" AND g.status = 'active'
       LEFT JOIN notification_preferences p ON p."guardianId" = g.id
      WHERE (st.id = ANY($1::uuid[]) OR st."classId" = ANY($2::uuid[]))
        AND EXISTS (SELECT 1 FROM consent_records c
                     WHERE c."guardianId" = g.id AND c."studentId" = st.id
                       AND c.decision = 'signed' AND c."withdrawnAt" IS NULL)`,
    [studentIds, classIds],
  );
  if (rows.length === 0) return [];
  const channels = await loadChannels(client, [...new Set(rows.map((r) => r.guardianId))]);
  return rows.map((r) => ({ ...r, channels: channels.get(r.guardianId) ?? [] }));
}

export async function loadChannels(client: Queryable, guardianIds: string[]): Promise<Map<string, ChannelRow[]>> {
  const { rows } = await client.query<ChannelRow>(
    `SELECT ch.id, ch."guardianId", ch.type::text AS type, ch.address, ch.verified, ch.active, ch.enabled, ch.muted,
            ch.type = g."preferredChat" IS TRUE AS preferred
       FROM channels ch JOIN guardians g ON g.id = ch."guardianId" JOIN schools sc ON sc.id = g."schoolId"
      WHERE ch."guardianId" = ANY($1::uuid[])
        -- A messenger the school no longer offers is not used, even where a chat is still linked.
        AND (ch.type NOT IN ('telegram', 'max') OR ch.type = ANY (sc."chatChannels"))
      ORDER BY ch."createdAt"`,
    [guardianIds],
  );
  const byGuardian = new Map<string, ChannelRow[]>();
  for (const row of rows) {
    const list = byGuardian.get(row.guardianId) ?? [];
    list.push(row);
    byGuardian.set(row.guardianId, list);
  }
  return byGuardian;
}
