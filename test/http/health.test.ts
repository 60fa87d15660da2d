import { createHttpApp } from '../../src/http/create-http-app.js';
import { connectDatabase } from '../../src/db/open-database.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { testContext } from '../support/context.js';

describe('GET /healthz', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('answers 200 with the database status when the database is up', async () => {
    const app = await createHttpApp(testContext(db));
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', database: { status: 'up' } });
    await app.close();
  });

  it('answers 503 when the database is unreachable', async () => {
    // A port nothing listens on: the pool cannot connect.
    const down = connectDatabase('postgresql://postgres:x@127.0.0.1:1/none');
    const app = await createHttpApp({ ...testContext(db), db: down });
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ status: 'unavailable', database: { status: 'down' } });
    await app.close();
    await down.close();
  });

  it('answers unknown paths with a JSON 404', async () => {
    const app = await createHttpApp(testContext(db));
    const response = await app.inject({ method: 'GET', url: '/nope' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: 'NOT_FOUND' });
    await app.close();
  });
});
