import { AppError } from '../../lib/app-error.js';
import type { Db } from './types.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function assertUuid(value: string, what: string): string {
  // Checked here so a typo reads as "unknown school", not as a database type error.
  if (!UUID.test(value)) throw new AppError('NOT_FOUND', `unknown ${what} "${value}"`, { field: what });
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
