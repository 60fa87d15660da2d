import type { PrismaClient } from '../../db/prisma.js';
import { addDays, localToday } from './local-date.js';
import type { ViewScope } from './types.js';

export interface TeacherEntry {
  fullName: string;
  email: string | null;
  isClassTeacher: boolean;
  subjects: string[];
}

/** How far around today the timetable is read to find who teaches the class. */
const WINDOW_DAYS = 60;

/** The class's teachers: the class teacher first, then subject teachers by name. */
export async function getTeachers(prisma: PrismaClient, scope: ViewScope): Promise<TeacherEntry[]> {
  const today = localToday(scope.now, scope.child.timezone);
  const [klass, pairs] = await Promise.all([
    prisma.schoolClass.findUniqueOrThrow({ where: { schoolId_id: { schoolId: scope.child.schoolId, id: scope.child.classId } }, select: { classTeacherId: true } }),
    prisma.lesson.groupBy({
      by: ['teacherId', 'subjectId'],
      where: { schoolId: scope.child.schoolId, classId: scope.child.classId, teacherId: { not: null }, date: { gte: addDays(today, -WINDOW_DAYS), lte: addDays(today, WINDOW_DAYS) } },
    }),
  ]);
  const teacherIds = new Set(pairs.map((p) => p.teacherId!));
  if (klass.classTeacherId) teacherIds.add(klass.classTeacherId);
  const [teachers, subjects] = await Promise.all([
    prisma.teacher.findMany({ where: { schoolId: scope.child.schoolId, id: { in: [...teacherIds] } }, select: { id: true, fullName: true, email: true } }),
    prisma.subject.findMany({ where: { schoolId: scope.child.schoolId, id: { in: [...new Set(pairs.map((p) => p.subjectId))] } }, select: { id: true, name: true } }),
  ]);
  const subjectName = new Map(subjects.map((s) => [s.id, s.name]));
  const entries = teachers.map((t) => ({
    fullName: t.fullName,
    email: t.email,
    isClassTeacher: t.id === klass.classTeacherId,
    subjects: pairs.filter((p) => p.teacherId === t.id).map((p) => subjectName.get(p.subjectId) ?? '').sort((a, b) => a.localeCompare(b, 'ru')),
  }));
  return entries.sort((a, b) => Number(b.isClassTeacher) - Number(a.isClassTeacher) || a.fullName.localeCompare(b.fullName, 'ru'));
}
