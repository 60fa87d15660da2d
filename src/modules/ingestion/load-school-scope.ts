import { AppError } from '../../lib/app-error.js';
import { readSchoolRules } from '../forecast/index.js';
import type { SchoolScope, Tx } from './batch-types.js';
import { isUuid } from '../../lib/uuid.js';


export async function loadSchoolScope(tx: Tx, schoolId: string): Promise<SchoolScope> {
  if (!isUuid(schoolId)) throw new AppError('NOT_FOUND', `no school with id ${schoolId}`);
  const { rows } = await tx.query<{ id: string; markWeights: unknown }>('SELECT id, "markWeights" FROM schools WHERE id = $1', [schoolId]);
  const school = rows[0];
  if (!school) throw new AppError('NOT_FOUND', `no school with id ${schoolId}`);
  return schoolScopeOf(school.id, school.markWeights);
}

/** The scope from a school row read elsewhere (the API key's lookup reads it with the key). */
export function schoolScopeOf(id: string, markWeights: unknown): SchoolScope {
  return { id, markWeights: readSchoolRules({ markWeights }).markWeights };
}
