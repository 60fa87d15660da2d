import { AppError } from '../../lib/app-error.js';
import type { Db } from './types.js';
import { isUuid } from '../../lib/uuid.js';


export function assertUuid(value: string, what: string): string {
  // Checked here so a typo reads as "unknown school", not as a database type error.
  if (!isUuid(value)) throw new AppError('NOT_FOUND', `unknown ${what} "${value}"`, { field: what });
  return value.toLowerCase();
}

export async function findSchool(db: Db, schoolId: string) {
  const school = await db.school.findUnique({ where: { id: assertUuid(schoolId, 'school') } });
  if (!school) throw new AppError('NOT_FOUND', `unknown school "${schoolId}"`, { field: 'school' });
  return school;
}

export async function findSchoolClass(db: Db, schoolId: string, classExternalId: string) {
  const schoolClass = await db.schoolClass.findUnique({ where: { schoolId_externalId: { schoolId, externalId: classExternalId } } });
  if (!schoolClass) {
    throw new AppError('NOT_FOUND', `unknown class "${classExternalId}" in this school (use the class id from the e-journal)`, { field: 'class' });
  }
  return schoolClass;
}
