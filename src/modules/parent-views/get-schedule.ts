import type { PrismaClient } from '../../db/prisma.js';
import { dayRange, type DayRange } from './day-range.js';
import { isoDay } from './local-date.js';
import type { ViewScope } from './types.js';

export interface ScheduleLesson {
  number: number;
  startsAt: string | null;
  subjectName: string;
  teacherName: string | null;
  room: string | null;
  /** substitution: another teacher; moved: to `movedTo`; cancelled: will not happen. */
  change: null | {
    kind: 'substitution' | 'moved' | 'cancelled';
    teacherName: string | null;
    movedTo: { date: string; number: number | null } | null;
    note: string | null;
  };
  /** The lesson was moved here from `movedFrom`. */
  movedFrom: { date: string; number: number } | null;
}

export interface ScheduleDay {
  date: string;
  lessons: ScheduleLesson[];
}

interface LessonRow {
  date: string;
  number: number;
  startsAt: string | null;
  room: string | null;
  subject: string;
  teacher: string | null;
  change_kind: 'substitution' | 'moved' | 'cancelled' | null;
  new_date: string | null;
  new_number: number | null;
  note: string | null;
  change_teacher: string | null;
}

/** The class's timetable for the range with substitutions, moved and cancelled lessons marked. */
export async function getSchedule(prisma: PrismaClient, scope: ViewScope & { range: DayRange }): Promise<{ from: string; to: string; days: ScheduleDay[] }> {
  const { from, to } = dayRange(scope.range, scope.now, scope.child.timezone);
  const classId = scope.child.classId;
  const [f, t] = [isoDay(from), isoDay(to)];
  // One round trip: the range's lessons and those moved into it from other days.
  const rows = await prisma.$queryRaw<LessonRow[]>`
    SELECT l.date::text AS date, l.number, l."startsAt", l.room, sub.name AS subject, te."fullName" AS teacher,
           ch.kind::text AS change_kind, ch."newDate"::text AS new_date, ch."newNumber" AS new_number, ch.note, ct."fullName" AS change_teacher
    FROM lessons l
    JOIN subjects sub ON sub."schoolId" = l."schoolId" AND sub.id = l."subjectId"
    LEFT JOIN teachers te ON te."schoolId" = l."schoolId" AND te.id = l."teacherId"
    LEFT JOIN lesson_changes ch ON ch."schoolId" = l."schoolId" AND ch."lessonId" = l.id
    LEFT JOIN teachers ct ON ct."schoolId" = ch."schoolId" AND ct.id = ch."teacherId"
    WHERE l."schoolId" = ${scope.child.schoolId}::uuid AND l."classId" = ${classId}::uuid
      AND (l.date BETWEEN ${f}::date AND ${t}::date OR (ch.kind = 'moved' AND ch."newDate" BETWEEN ${f}::date AND ${t}::date))`;
  const days = new Map<string, ScheduleLesson[]>();
  const add = (date: string, lesson: ScheduleLesson) => {
    let list = days.get(date);
    if (!list) days.set(date, (list = []));
    list.push(lesson);
  };
  for (const l of rows) {
    if (l.date >= f && l.date <= t) {
      add(l.date, {
        number: l.number,
        startsAt: l.startsAt,
        subjectName: l.subject,
        teacherName: l.teacher,
        room: l.room,
        change: l.change_kind
          ? {
              kind: l.change_kind,
              teacherName: l.change_teacher,
              movedTo: l.change_kind === 'moved' && l.new_date ? { date: l.new_date, number: l.new_number } : null,
              note: l.note,
            }
          : null,
        movedFrom: null,
      });
    }
    if (l.change_kind === 'moved' && l.new_date && l.new_date >= f && l.new_date <= t) {
      add(l.new_date, {
        number: l.new_number ?? l.number,
        startsAt: l.new_number ? null : l.startsAt,
        subjectName: l.subject,
        teacherName: l.change_teacher ?? l.teacher,
        room: l.room,
        change: null,
        movedFrom: { date: l.date, number: l.number },
      });
    }
  }
  const result = [...days].sort(([a], [b]) => a.localeCompare(b)).map(([date, lessons]) => ({ date, lessons: lessons.sort((a, b) => a.number - b.number) }));
  return { from: isoDay(from), to: isoDay(to), days: result };
}
