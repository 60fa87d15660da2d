// A guardian's calendar feed: their children's tests, holidays and timetable changes, from
// two weeks back to four months ahead, for Google, Apple and Yandex calendars.
import type { PrismaClient } from '../../db/prisma.js';
import { translator } from '../../i18n/index.js';
import { addDays, isoDay, localToday } from '../parent-views/local-date.js';
import { tokenGuardian, tokenMatches } from './calendar-token.js';
import { renderIcs, type IcsEvent } from './ics.js';

const BACK_DAYS = 14;
const AHEAD_DAYS = 120;

/** The feed behind a token, or null for a wrong, reset or withdrawn one (the caller answers 404 alike). */
export async function buildCalendarFeed(prisma: PrismaClient, secret: string, token: string, now: Date): Promise<string | null> {
  const guardianId = tokenGuardian(token);
  if (!guardianId) return null;
  const guardian = await prisma.guardian.findUnique({
    where: { id: guardianId },
    include: { school: true, students: { include: { student: { include: { class: true } } } } },
  });
  if (!guardian || guardian.status !== 'active' || !tokenMatches(secret, token, guardian.id, guardian.calendarVersion)) return null;
  const t = translator(guardian.locale ?? guardian.school.defaultLocale);
  const today = localToday(now, guardian.school.timezone);
  const from = addDays(today, -BACK_DAYS);
  const to = addDays(today, AHEAD_DAYS);
  const children = guardian.students.map((gs) => gs.student);
  const classIds = [...new Set(children.map((c) => c.classId).filter((id): id is string => Boolean(id)))];
  const whose = (classId: string) => children.filter((c) => c.classId === classId).map((c) => c.fullName).join(', ');
  const [tests, holidays, changes] = await Promise.all([
    prisma.scheduledTest.findMany({ where: { classId: { in: classIds }, date: { gte: from, lte: to } }, include: { subject: true }, orderBy: { date: 'asc' } }),
    prisma.holiday.findMany({ where: { schoolId: guardian.schoolId, endsOn: { gte: from }, startsOn: { lte: to } }, orderBy: { startsOn: 'asc' } }),
    prisma.lessonChange.findMany({ where: { lesson: { classId: { in: classIds }, date: { gte: from, lte: to } } }, include: { lesson: { include: { subject: true } } } }),
  ]);
  const events: IcsEvent[] = [];
  for (const test of tests) {
    events.push({
      uid: `test-${test.id}@vestnik`,
      startsOn: isoDay(test.date),
      endsAfter: isoDay(addDays(test.date, 1)),
      summary: t('calendar:test', { subject: test.subject.name, child: whose(test.classId) }),
      ...(test.topic ? { description: test.topic } : {}),
    });
  }
  for (const holiday of holidays) {
    if (holiday.classIds.length > 0 && !holiday.classIds.some((id) => classIds.includes(id))) continue;
    events.push({ uid: `holiday-${holiday.id}@vestnik`, startsOn: isoDay(holiday.startsOn), endsAfter: isoDay(addDays(holiday.endsOn, 1)), summary: t('calendar:holiday', { name: holiday.name }) });
  }
  for (const change of changes) {
    const lesson = change.lesson;
    events.push({
      uid: `change-${change.id}@vestnik`,
      startsOn: isoDay(lesson.date),
      endsAfter: isoDay(addDays(lesson.date, 1)),
      summary: t(`calendar:change.${change.kind}`, { subject: lesson.subject.name, number: lesson.number, child: whose(lesson.classId) }),
      ...(change.note ? { description: change.note } : {}),
    });
  }
  return renderIcs(t('calendar:name', { school: guardian.school.name }), events, now);
}
