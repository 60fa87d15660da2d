import { AppError } from '../../lib/app-error.js';
import { hashCode, normaliseCode } from './normalise-code.js';
import type { Db } from './types.js';

/** The stored code for a plain code as an admin typed it; NOT_FOUND when it does not exist. */
export async function findCodeByPlain(db: Db, secret: string, plain: string, schoolId?: string) {
  const normalised = normaliseCode(plain);
  const row = normalised ? await db.consentCode.findUnique({ where: { codeHash: hashCode(secret, normalised) } }) : null;
  if (!row || (schoolId !== undefined && row.schoolId !== schoolId)) {
    throw new AppError('NOT_FOUND', schoolId ? `no such code in this school: "${plain}"` : `no such code: "${plain}"`, { field: 'code' });
  }
  return row;
}
