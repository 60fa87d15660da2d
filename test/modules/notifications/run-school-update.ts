// Changes a school's settings the way an operator does: through `vestnik school update`.
import { runCli } from '../../../src/cli/run-cli.js';
import { captureIo } from '../../support/context.js';
import type { TestDatabase } from '../../support/db.js';

export async function runSchoolUpdate(db: TestDatabase, schoolId: string, args: string[]): Promise<number> {
  const { io } = captureIo(db);
  return runCli(['school', 'update', '--school', schoolId, ...args], io);
}
