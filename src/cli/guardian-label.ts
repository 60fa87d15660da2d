// A parent is named to the operator by name and child, as the school knows them, never
// by a database id alone: the id is printed only where a later command needs it.
import type { PrismaClient } from '../db/prisma.js';
import type { Translate } from '../i18n/index.js';

export interface GuardianNames {
  guardian: string | null;
  children: string[];
}

/** Read before a withdrawal erases the name and unlinks the children. */
export async function loadGuardianNames(prisma: PrismaClient, guardianId: string): Promise<GuardianNames> {
  const guardian = await prisma.guardian.findUnique({
    where: { id: guardianId },
    select: { fullName: true, students: { select: { student: { select: { fullName: true } } } } },
  });
  return { guardian: guardian?.fullName ?? null, children: (guardian?.students ?? []).map((link) => link.student.fullName).sort() };
}

/** "Петрова Анна (ученик: Петров Иван)" or, without a name on the form, "родитель ученика Петров Иван". */
export function guardianLabel(t: Translate, names: GuardianNames): string {
  const children = names.children.join(', ');
  if (names.guardian) return children ? t('consent:cli.guardianWithChildren', { name: names.guardian, children }) : names.guardian;
  return children ? t('consent:cli.unnamedGuardianOf', { children }) : t('consent:cli.unnamedGuardian');
}
