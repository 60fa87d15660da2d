// /api/v1: the e-journal's door. Every write is a batch upsert for the school whose
// key is presented; the key decides the school, so no body can name another one.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/app-context.js';
import { MAX_BATCH_ROWS } from '../../modules/ingestion/batch-limits.js';
import type { SchoolScope } from '../../modules/ingestion/batch-types.js';
import { ingestBatch, tooManyRows } from '../../modules/ingestion/ingest-batch.js';
import { schoolScopeOf } from '../../modules/ingestion/load-school-scope.js';
import { authenticateApiKey } from '../../modules/schools/authenticate-api-key.js';
import { installJsonParser } from '../reject-ill-formed-text.js';
import { API_ENDPOINTS } from './api-endpoints.js';
import { countBatchRows } from './count-batch-rows.js';
import { allowInlineBlocksOf } from '../security-headers.js';
import { renderDocsPage } from './docs-page.js';
import { buildOpenApiDocument } from './openapi-document.js';
import { localiseApiError } from './localise-invalid-batch.js';
import { announcementRoute } from './announcement-route.js';

export const API_PREFIX = '/api/v1';

declare module 'fastify' {
  interface FastifyRequest {
    apiSchoolId?: string;
    /** The key's school as read with the key, for the batch it sends. */
    apiSchool?: SchoolScope;
    /** The key presented, for the audit log of what it did. */
    apiKeyId?: string;
  }
}

export async function apiRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const document = buildOpenApiDocument(API_PREFIX);
  const docsPage = renderDocsPage(`${API_PREFIX}/openapi.json`);
  app.get(`${API_PREFIX}/openapi.json`, async (_request, reply) => reply.send(document));
  // The page's inline script and style are allowed by their hashes, nothing else inline.
  app.get(`${API_PREFIX}/docs`, allowInlineBlocksOf(docsPage), async (_request, reply) => reply.type('text/html; charset=utf-8').send(docsPage));

  await app.register(async (scope) => {
    // A batch over the row limit is refused from its text, before it is parsed.
    installJsonParser(scope, (text) => {
      const rows = countBatchRows(text);
      return rows > MAX_BATCH_ROWS ? tooManyRows(rows) : undefined;
    });
    // Refusals are told in the caller's language; the application's handler then answers.
    scope.setErrorHandler(async (error, request) => {
      throw localiseApiError(error, request.headers['accept-language']);
    });
    // onRequest runs before the body is read: an unknown caller cannot make us parse 10 MB.
    scope.addHook('onRequest', async (request) => {
      const { schoolId, keyId, markWeights } = await authenticateApiKey(ctx.db.pool, ctx.secret, request.headers.authorization);
      request.apiSchoolId = schoolId;
      request.apiSchool = schoolScopeOf(schoolId, markWeights);
      request.apiKeyId = keyId;
    });
    for (const endpoint of API_ENDPOINTS) {
      scope.route({
        method: endpoint.method,
        url: `${API_PREFIX}${endpoint.path}`,
        handler: async (request: FastifyRequest) =>
          ingestBatch(ctx.db.pool, request.apiSchoolId as string, endpoint.batch, request.body, { school: request.apiSchool }),
      });
    }
    announcementRoute(scope, ctx);
  });
}
