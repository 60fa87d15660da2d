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

/** Student (or class) id → the preference combinations (instantCombinations) whose guardians are wanted. */
export type WantedGuardians = ReadonlyMap<string, number>;

// A guardian's preference combination, numbered as PREFERENCE_FLAGS orders the bits.
const COMBINATION = `(CASE WHEN COALESCE(p."instantAbsences", true) THEN 1 ELSE 0 END + CASE WHEN COALESCE(p."instantMarks", false) THEN 2 ELSE 0 END
  + CASE WHEN COALESCE(p."instantRecommendations", false) THEN 4 ELSE 0 END + CASE WHEN COALESCE(p."instantRisk", true) THEN 8 ELSE 0 END
  + CASE WHEN COALESCE(p."instantTimetable", true) THEN 16 ELSE 0 END)`;

/** Every combination: a plain list of ids wants every guardian, whatever their preferences. */
const EVERY_COMBINATION = 2 ** 32 - 1;

const wantedOf = (ids: readonly string[] | WantedGuardians): WantedGuardians =>
  Array.isArray(ids) ? new Map(ids.map((id) => [id, EVERY_COMBINATION])) : (ids as WantedGuardians);

/**
 * The guardians of these students and of the students of these classes. The planner passes
 * the preference combinations it wants per id, so a batch of marks nobody follows instantly
 * loads nobody; a plain list of ids wants everyone.
 */
export async function loadRecipients(
  client: Queryable,
  studentIds: readonly string[] | WantedGuardians,
  classIds: readonly string[] | WantedGuardians = [],
): Promise<Recipient[]> {
  const students = wantedOf(studentIds);
  const classes = wantedOf(classIds);
  if (students.size === 0 && classes.size === 0) return [];
  const { rows } = await client.query<Recipient>(
    `SELECT g.id AS "guardianId", st.id AS "studentId", st."classId" AS "classId", st."fullName" AS "studentName",
            s.name AS "schoolName", COALESCE(g.locale, s."defaultLocale")::text AS lang,
            COALESCE(p."instantAbsences", true) AS "instantAbsences",
            COALESCE(p."instantMarks", false) AS "instantMarks",
            COALESCE(p."instantRecommendations", false) AS "instantRecommendations",
            COALESCE(p."instantRisk", true) AS "instantRisk",
            COALESCE(p."instantTimetable", true) AS "instantTimetable",
            p."quietFrom", p."quietTo",
            -- The guardian's channels in the same round trip, in the order loadChannels gives.
            COALESCE((SELECT json_agg(json_build_object('id', ch.id, 'guardianId', ch."guardianId", 'type', ch.type, 'address', ch.address,
                                                        'verified', ch.verified, 'active', ch.active, 'enabled', ch.enabled, 'muted', ch.muted,
                                                        'preferred', ch.type = g."preferredChat" IS TRUE) ORDER BY ch."createdAt")
                        FROM channels ch
                       WHERE ch."guardianId" = g.id AND (ch.type NOT IN ('telegram', 'max') OR ch.type = ANY (gs_school."chatChannels"))),
                     '[]') AS channels
       FROM students st
       LEFT JOIN unnest($1::uuid[], $2::int8[]) AS ws(id, combinations) ON ws.id = st.id
       LEFT JOIN unnest($3::uuid[], $4::int8[]) AS wc(id, combinations) ON wc.id = st."classId"
       JOIN schools s ON s.id = st."schoolId"
       JOIN guardian_students gs ON gs."studentId" = st.id
       JOIN guardians g ON g.id = gs."guardianId" AND g.status = 'active'
       JOIN schools gs_school ON gs_school.id = g."schoolId"
       LEFT JOIN notification_preferences p ON p."guardianId" = g.id
      WHERE (st.id = ANY($1::uuid[]) OR st."classId" = ANY($3::uuid[]))
        AND ((COALESCE(ws.combinations, 0) | COALESCE(wc.combinations, 0)) >> ${COMBINATION}) & 1 = 1
        AND EXISTS (SELECT 1 FROM consent_records c
                     WHERE c."guardianId" = g.id AND c."studentId" = st.id
                       AND c.decision = 'signed' AND c."withdrawnAt" IS NULL)`,
    [[...students.keys()], [...students.values()], [...classes.keys()], [...classes.values()]],
  );
  return rows;
}

export async function loadChannels(client: Queryable, schoolId: string, guardianIds: string[]): Promise<Map<string, ChannelRow[]>> {
  const { rows } = await client.query<ChannelRow>(
    `SELECT ch.id, ch."guardianId", ch.type::text AS type, ch.address, ch.verified, ch.active, ch.enabled, ch.muted,
            ch.type = g."preferredChat" IS TRUE AS preferred
       FROM channels ch JOIN guardians g ON g."schoolId" = $2 AND g.id = ch."guardianId" JOIN schools sc ON sc.id = g."schoolId"
      WHERE ch."guardianId" = ANY($1::uuid[])
        -- A messenger the school no longer offers is not used, even where a chat is still linked.
        AND (ch.type NOT IN ('telegram', 'max') OR ch.type = ANY (sc."chatChannels"))
      ORDER BY ch."createdAt"`,
    [guardianIds, schoolId],
  );
  const byGuardian = new Map<string, ChannelRow[]>();
  for (const row of rows) {
    const list = byGuardian.get(row.guardianId) ?? [];
    list.push(row);
    byGuardian.set(row.guardianId, list);
  }
  return byGuardian;
}
