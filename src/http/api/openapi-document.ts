// The OpenAPI 3.1 document, generated from the same zod schemas that validate the
// bodies, so the documentation cannot drift from what the API accepts.
import { z } from 'zod';
import { MAX_BATCH_ROWS } from '../../modules/ingestion/batch-limits.js';
import { API_ENDPOINTS } from './api-endpoints.js';
import { announcementBody, announcementCreated } from './announcement-route.js';

type JsonObject = Record<string, unknown>;

function jsonSchema(schema: z.ZodType): JsonObject {
  // `input`: what a client sends (numbers accepted as externalIds, before normalising).
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonObject;
  return rest;
}

const counts = {
  type: 'object',
  required: ['accepted', 'created', 'updated', 'unchanged'],
  properties: {
    accepted: { type: 'integer', description: 'rows in the batch' },
    created: { type: 'integer' },
    updated: { type: 'integer' },
    unchanged: { type: 'integer', description: 'rows identical to what is stored: nothing written, no event' },
  },
};

const error = {
  type: 'object',
  required: ['error', 'message'],
  properties: {
    error: { type: 'string', examples: ['INVALID_INPUT', 'UNAUTHORIZED', 'PAYLOAD_TOO_LARGE', 'BAD_REQUEST'] },
    message: { type: 'string', description: 'for people: in the language of Accept-Language (ru or en) for a refused batch' },
    field: { type: 'string', description: 'ill-formed text only: the path of the first offending field, e.g. marks.3.comment' },
    details: {
      type: 'object',
      properties: {
        invalidRows: { type: 'integer', description: 'rows with at least one error' },
        errorCount: { type: 'integer', description: 'all errors of the batch; `rows` lists the first 100' },
        maxRows: { type: 'integer', description: '413 only: the most rows a batch may hold' },
        rowCount: { type: 'integer', description: '413 only: the rows this batch held' },
        rows: {
          type: 'array',
          description: 'the first 100 errors of invalid rows (or body fields without an index)',
          items: {
            type: 'object',
            properties: {
              index: { type: 'integer', description: 'position of the row in its array, from 0' },
              section: { type: 'string', description: 'roster only: which array' },
              field: { type: 'string' },
              reason: { type: 'string', description: 'the problem in English, as before' },
              code: { type: 'string', description: 'the problem as a stable code, e.g. oneOf, unknownStudent, date' },
              message: { type: 'string', description: 'the problem in the language of Accept-Language (ru or en; English without the header)' },
            },
          },
        },
      },
    },
  },
};

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

export function buildOpenApiDocument(prefix: string): JsonObject {
  const paths: Record<string, JsonObject> = {};
  for (const endpoint of API_ENDPOINTS) {
    const path = `${prefix}${endpoint.path}`;
    paths[path] ??= {};
    paths[path][endpoint.method.toLowerCase()] = {
      operationId: `${endpoint.method.toLowerCase()}-${endpoint.batch}`,
      summary: endpoint.summary,
      security: [{ apiKey: [] }],
      requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(endpoint.body) } } },
      responses: {
        '200': { description: 'the batch was written', content: { 'application/json': { schema: { $ref: '#/components/schemas/Counts' } } } },
        '400': errorResponse('malformed JSON'),
        '401': errorResponse('missing or wrong API key'),
        '413': errorResponse(`body over 10 MB, or more than ${MAX_BATCH_ROWS} rows`),
        '422': errorResponse('invalid rows, or ill-formed text (NUL, control characters, lone surrogates): nothing was written'),
      },
    };
  }
  paths[`${prefix}/announcements`] = {
    post: {
      operationId: 'post-announcement',
      summary: 'An announcement to the families of the whole school or of the given classes, sent now or at sendAt (quiet hours respected unless urgent)',
      security: [{ apiKey: [] }],
      requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(announcementBody) } } },
      responses: {
        '201': { description: 'written; sent now or scheduled', content: { 'application/json': { schema: { $ref: '#/components/schemas/AnnouncementCreated' } } } },
        '400': errorResponse('malformed JSON, or a bad field (named in `field`): empty or too long text, unknown class, a time in the past, an attachment that is not a PDF, PNG or JPEG; nothing was written'),
        '401': errorResponse('missing or wrong API key'),
        '413': errorResponse('an attachment over 10 MB'),
        '422': errorResponse('ill-formed text (NUL, control characters, lone surrogates): nothing was written'),
      },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Vestnik e-journal exchange API',
      version: '1',
      description:
        'Batch upserts keyed by the e-journal\'s externalId. Sending the same batch again changes nothing. ' +
        `A batch holds at most ${MAX_BATCH_ROWS} rows. A batch with any invalid row writes nothing and answers 422 with the first 100 errors and their totals. ` +
        'Dates are YYYY-MM-DD; mark values are 1–5, н, зач, незач.',
    },
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'the school API key from `vestnik school create`' } },
      schemas: { Counts: counts, Error: error, AnnouncementCreated: announcementCreated },
    },
    paths,
  };
}
