import { shortChildName } from './short-child-name.js';
import type { Db } from './types.js';

export interface CodeChild {
  schoolName: string;
  className: string;
  /** "Иван П." */
  childName: string;
  /** The school's time zone, for dates shown to the parent. */
  timezone: string;
}

export async function describeCodeChild(db: Db, codeId: string): Promise<CodeChild> {
  const code = await db.consentCode.findUniqueOrThrow({ where: { id: codeId }, include: { school: true, student: { include: { class: true } } } });
  return {
    schoolName: code.school.name,
    className: code.student.class.name,
    childName: shortChildName(code.student.fullName),
    timezone: code.school.timezone,
  };
}
