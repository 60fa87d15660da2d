// Fails when prisma/schema.prisma and prisma/migrations disagree: a database built by our
// migrator must be exactly what the schema describes, or the generated client and the real
// tables drift apart. Fix it with a new migration (scripts/create-migration.ts).
import { diffDatabaseToSchema } from '../../scripts/lib/schema-diff.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

describe('migrations and schema.prisma', () => {
  let db: TestDatabase | undefined;

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 1 });
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('the migrated database is exactly what schema.prisma describes', async () => {
    const missing = await diffDatabaseToSchema(db!.url);
    if (missing) {
      throw new Error(
        'prisma/schema.prisma has changes that no migration in prisma/migrations makes.\n' +
          'Create one with: npx tsx scripts/create-migration.ts <name>\n\n' +
          `SQL still needed after all migrations:\n${missing}`,
      );
    }
    expect(missing).toBe('');
  });
});
