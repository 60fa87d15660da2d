// The class teacher's landing page: whom to call this week, what is still unconfirmed, what
// came in since yesterday, and the families who get everything on paper.
import type pg from 'pg';
import { Prisma, type PrismaClient } from '../../db/prisma.js';
import { addDays } from '../../lib/zoned-time.js';
import { findPaperFamilies, type PaperFamily } from '../paper/load-paper-statements.js';
import { MIN_WEEKLY_VIEWS } from '../reports/class-ack-report.js';
import { listPaperBatches, type PaperBatchRow } from '../reports/paper-batches.js';
import { firstChannelSql } from './channel-sql.js';
import { listUnackedResults, type UnackedResult } from './list-unacked-results.js';
import { loadWeeklyCompliance, type WeeklyCompliance } from './load-weekly-compliance.js';
import { localDayStart, schoolToday } from './local-day.js';

const WEEK_MS = 7 * 86_400_000;
const DAY_MS = 86_400_000;

export interface LowViewRow {
  guardianName: string | null;
  studentName: string;
  /** Different days in the last seven on which the guardian opened anything. */
  days: number;
  /** The channel the guardian is reached on: the one to call about, or 'paper'. */
  channel: string;
  phone: string | null;
}

export interface NewAck {
  guardianName: string | null;
  studentName: string;
  subject: string;
  channelType: string;
  at: string;
}

export interface ClassHome {
  lowViews: LowViewRow[];
  unacked: UnackedResult[];
  /** Acknowledgments since the start of yesterday in the school's zone. */
  newAcks: NewAck[];
  paper: { families: PaperFamily[]; current: PaperBatchRow | null; nextDueAt: string | null };
  compliance: WeeklyCompliance;
}

export async function loadClassHome(prisma: PrismaClient, pool: pg.Pool, input: { schoolId: string; classId: string; timeZone: string; paperCadenceDays: number }, now: Date): Promise<ClassHome> {
  const { schoolId, classId, timeZone } = input;
  const weekAgo = new Date(now.getTime() - WEEK_MS);
  const lowViews = await prisma.$queryRaw<LowViewRow[]>`
    SELECT gd."fullName" AS "guardianName", st."fullName" AS "studentName", gd.phone,
           (SELECT count(DISTINCT (v."viewedAt" AT TIME ZONE ${timeZone})::date) FROM view_events v
             WHERE v."guardianId" = gd.id AND v."viewedAt" > ${weekAgo} AND v."viewedAt" <= ${now})::int AS days,
           ${firstChannelSql(Prisma.sql`gd.id`)} AS channel
      FROM students st JOIN guardian_students gs ON gs."studentId" = st.id
      JOIN guardians gd ON gd.id = gs."guardianId" AND gd.status = 'active'
     WHERE st."schoolId" = ${schoolId}::uuid AND st."classId" = ${classId}::uuid
     ORDER BY days, st."fullName", gd."fullName"`;
  const since = localDayStart(addDays(schoolToday(now, timeZone).date, -1), timeZone);
  const newAcks = await prisma.$queryRaw<Array<Omit<NewAck, 'at'> & { at: Date }>>`
    SELECT DISTINCT ON (a.id) gd."fullName" AS "guardianName", st."fullName" AS "studentName", a.subject, a."channelType"::text AS "channelType", a."acknowledgedAt" AS at
      FROM acknowledgments a JOIN guardians gd ON gd.id = a."guardianId"
      JOIN guardian_students gs ON gs."guardianId" = gd.id JOIN students st ON st.id = gs."studentId"
     WHERE st."schoolId" = ${schoolId}::uuid AND st."classId" = ${classId}::uuid AND a."acknowledgedAt" >= ${since} AND a."acknowledgedAt" <= ${now}
     ORDER BY a.id`;
  const families = await findPaperFamilies(pool, classId);
  const current = (await listPaperBatches(prisma, schoolId, classId))[0] ?? null;
  return {
    lowViews: lowViews.filter((r) => r.days < MIN_WEEKLY_VIEWS),
    unacked: await listUnackedResults(prisma, schoolId, classId),
    newAcks: newAcks.map((a) => ({ ...a, at: a.at.toISOString() })).sort((a, b) => b.at.localeCompare(a.at)),
    paper: { families, current, nextDueAt: families.length === 0 ? null : nextBatchDue(current, input.paperCadenceDays, now).toISOString() },
    compliance: await loadWeeklyCompliance(prisma, schoolId, timeZone, now, classId),
  };
}

/**
 * The hourly paper job makes a class's next batch once its latest one covers up to more than
 * the cadence ago (createDuePaperBatches); with no batch yet, at its next run.
 */
function nextBatchDue(current: PaperBatchRow | null, cadenceDays: number, now: Date): Date {
  if (!current) return now;
  const due = new Date(Date.parse(current.coversTo) + cadenceDays * DAY_MS);
  return due < now ? now : due;
}
