import type { PrismaClient } from '../../db/prisma.js';
import type { AuditLine } from './query-audit-lines.js';

/** What the lines' ids stand for, looked up once per page rather than once per line. */
export interface AuditNames {
  staff: Map<string, { name: string; role: string }>;
  guardians: Map<string, string | null>;
  apiKeys: Map<string, string>;
  /** Target ids (codes, students, classes, people, batches) to their name and class. */
  targets: Map<string, { name: string; className?: string }>;
  schoolName: string;
}

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

function idsOf(lines: AuditLine[], pick: (l: AuditLine) => Array<string | null>): string[] {
  return [...new Set(lines.flatMap(pick).filter((id): id is string => !!id && isUuid(id)))];
}

export async function resolveAuditNames(prisma: PrismaClient, schoolId: string, lines: AuditLine[]): Promise<AuditNames> {
  const targetsOf = (type: string) => idsOf(lines, (l) => (l.targetType === type ? l.targetIds : []));
  const staffIds = idsOf(lines, (l) => [l.actorType === 'admin' || l.actorType === 'teacher' ? l.actorId : null, ...(l.targetType === 'staff_user' ? l.targetIds : [])]);
  const guardianIds = idsOf(lines, (l) => [l.actorType === 'guardian' ? l.actorId : null, ...(l.targetType === 'guardian' ? l.targetIds : [])]);
  // Every lookup is within the school: an id of another school resolves to nothing.
  const [school, staff, guardians, apiKeys, codes, students, classes, batches] = await Promise.all([
    prisma.school.findUnique({ where: { id: schoolId }, select: { name: true } }),
    prisma.staffUser.findMany({ where: { schoolId, id: { in: staffIds } }, select: { id: true, fullName: true, email: true, role: true } }),
    prisma.guardian.findMany({ where: { schoolId, id: { in: guardianIds } }, select: { id: true, fullName: true } }),
    prisma.apiKey.findMany({ where: { schoolId, id: { in: idsOf(lines, (l) => [l.actorType === 'api' ? l.actorId : null]) } }, select: { id: true, prefix: true } }),
    prisma.consentCode.findMany({ where: { schoolId, id: { in: targetsOf('consent_code') } }, select: { id: true, student: { select: { fullName: true, class: { select: { name: true } } } } } }),
    prisma.student.findMany({ where: { schoolId, id: { in: targetsOf('student') } }, select: { id: true, fullName: true, class: { select: { name: true } } } }),
    prisma.schoolClass.findMany({ where: { schoolId, id: { in: targetsOf('class') } }, select: { id: true, name: true } }),
    prisma.paperBatch.findMany({ where: { schoolId, id: { in: targetsOf('paper_batch') } }, select: { id: true, class: { select: { name: true } } } }),
  ]);
  const targets: AuditNames['targets'] = new Map();
  for (const c of codes) targets.set(c.id, { name: `${c.student.fullName}, ${c.student.class.name}`, className: c.student.class.name });
  for (const st of students) targets.set(st.id, { name: `${st.fullName}, ${st.class.name}`, className: st.class.name });
  for (const c of classes) targets.set(c.id, { name: c.name, className: c.name });
  for (const b of batches) targets.set(b.id, { name: b.class.name, className: b.class.name });
  for (const u of staff) targets.set(u.id, { name: u.fullName || u.email });
  for (const g of guardians) if (g.fullName) targets.set(g.id, { name: g.fullName });
  targets.set(schoolId, { name: school?.name ?? '' });
  return {
    staff: new Map(staff.map((u) => [u.id, { name: u.fullName || u.email, role: u.role }])),
    guardians: new Map(guardians.map((g) => [g.id, g.fullName])),
    apiKeys: new Map(apiKeys.map((k) => [k.id, k.prefix])),
    targets,
    schoolName: school?.name ?? '',
  };
}
