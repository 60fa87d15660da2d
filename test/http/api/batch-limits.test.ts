// The worst batch an e-journal can send is refused quickly and briefly, and the rest of
// the service keeps answering meanwhile.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAX_BATCH_ROWS, MAX_REPORTED_ERRORS } from '../../../src/modules/ingestion/batch-limits.js';
import { marksKind } from '../../../src/modules/ingestion/upsert-marks.js';
import { VALID_MARK, useApi } from './api-fixture.js';

const f = useApi();

// Every field wrong: the slowest row to validate.
const hopeless = { externalId: {}, studentExternalId: [], subjectExternalId: {}, date: 1, value: {}, weight: 'x', kind: 1, comment: 1 };

describe('rows per batch', () => {
  it('a million rows (3 MB of {}) are answered 413 naming the limit, with a short body', async () => {
    const response = await f.app.inject({
      method: 'POST',
      url: '/api/v1/marks',
      headers: { authorization: `Bearer ${f.schoolA.key}`, 'content-type': 'application/json' },
      payload: `{"marks":[${Array(1_000_000).fill('{}').join(',')}]}`,
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ error: 'PAYLOAD_TOO_LARGE', details: { maxRows: MAX_BATCH_ROWS, rowCount: 1_000_000 } });
    expect(response.json().message).toContain(`at most ${MAX_BATCH_ROWS} rows`);
    expect(response.body.length).toBeLessThan(1000);
  });

  it('one row over the limit is refused; the limit itself is not', async () => {
    const over = await f.send('POST', '/marks', { marks: Array(MAX_BATCH_ROWS + 1).fill(hopeless) });
    expect(over.statusCode).toBe(413);
    const roster = await f.send('POST', '/roster', { subjects: Array(MAX_BATCH_ROWS / 2).fill({}), teachers: Array(MAX_BATCH_ROWS / 2 + 1).fill({}) });
    expect(roster.statusCode).toBe(413);
    const at = await f.send('POST', '/marks', { marks: Array.from({ length: MAX_BATCH_ROWS }, (_v, i) => ({ ...VALID_MARK, externalId: `at-${i}` })) });
    expect(at.statusCode).toBe(200);
    expect(at.json()).toMatchObject({ accepted: MAX_BATCH_ROWS, created: MAX_BATCH_ROWS });
  });
});

describe('error reports', () => {
  it(`list the first ${MAX_REPORTED_ERRORS} errors with the number of invalid rows and of errors`, async () => {
    const response = await f.send('POST', '/marks', { marks: Array(MAX_BATCH_ROWS).fill(hopeless) });
    expect(response.statusCode).toBe(422);
    const { details, message } = response.json();
    expect(details.rows).toHaveLength(MAX_REPORTED_ERRORS);
    expect(details.invalidRows).toBe(MAX_BATCH_ROWS);
    expect(details.errorCount).toBe(MAX_BATCH_ROWS * 8);
    expect(message).toBe(`${MAX_BATCH_ROWS} rows are invalid (${MAX_BATCH_ROWS * 8} errors); nothing was written`);
    expect(response.body.length).toBeLessThan(20_000);
  });

  it('count rows and errors separately: 2 rows with 3 errors between them', async () => {
    const response = await f.send('POST', '/marks', {
      marks: [{ ...VALID_MARK, externalId: 'e1', value: '7' }, VALID_MARK, { ...VALID_MARK, externalId: 'e3', studentExternalId: 'ghost', date: '2030-01-01' }],
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().message).toBe('2 rows are invalid (3 errors); nothing was written');
    expect(response.json().details).toMatchObject({ invalidRows: 2, errorCount: 3 });
  });
});

describe('the rest of the service', () => {
  it('/healthz answers while a batch of the maximum size, all invalid, is being validated', async () => {
    await f.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = f.app.server.address() as AddressInfo;
    const finished: string[] = [];
    const request = (path: string, payload?: string) =>
      new Promise<number>((resolve, reject) => {
        const headers = payload ? { authorization: `Bearer ${f.schoolA.key}`, 'content-type': 'application/json' } : undefined;
        const req = http.request({ host: '127.0.0.1', port, path, method: payload ? 'POST' : 'GET', headers }, (res) => {
          res.resume();
          res.on('end', () => {
            finished.push(path);
            resolve(res.statusCode ?? 0);
          });
        });
        req.on('error', reject);
        req.end(payload);
      });
    // /healthz is asked the moment the server starts on the first row of the batch.
    const parseRow = marksKind.parseRow;
    let health: Promise<number> | undefined;
    marksKind.parseRow = (input) => {
      health ??= request('/healthz');
      return parseRow(input);
    };
    try {
      const batch = await request('/api/v1/marks', JSON.stringify({ marks: Array(MAX_BATCH_ROWS).fill(hopeless) }));
      expect(batch).toBe(422);
      expect(await health).toBe(200);
    } finally {
      marksKind.parseRow = parseRow;
    }
    expect(finished).toEqual(['/healthz', '/api/v1/marks']);
  });
});
