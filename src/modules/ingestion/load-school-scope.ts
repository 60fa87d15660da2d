import { AppError } from '../../lib/app-error.js';
import { readSchoolRules } from '../forecast/index.js';
import type { SchoolScope, Tx } from './batch-types.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function loadSchoolScope(tx: Tx, schoolId: string): Promise<SchoolScope> {
  if (!UUID.test(schoolId)) throw new AppError('NOT_FOUND', `no school with id ${schoolId}`);
  const { rows } = await tx.query<{ id: string; markWeights: unknown }>('SELECT id, "markWeights" FROM schools WHERE id = $1', [schoolId]);
  const school = rows[0];
  if (!school) throw new AppError('NOT_FOUND', `no school with id ${schoolId}`);
  return { id: school.id, markWeights: readSchoolRules({ markWeights: school.markWeights }).markWeights };
}
