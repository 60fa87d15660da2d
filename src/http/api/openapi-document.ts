// The OpenAPI 3.1 document, generated from the same zod schemas that validate the
// bodies, so the documentation cannot drift from what the API accepts.
import { z } from 'zod';
import { API_ENDPOINTS } from './api-endpoints.js';

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
    message: { type: 'string' },
    details: {
      type: 'object',
      properties: {
        rows: {
          type: 'array',
          description: 'every invalid row (or body field without an index)',
          items: {
            type: 'object',
            properties: {
              index: { type: 'integer', description: 'position of the row in its array, from 0' },
              section: { type: 'string', description: 'roster only: which array' },
              field: { type: 'string' },
              reason: { type: 'string' },
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
        '413': errorResponse('body over the size limit'),
        '422': errorResponse('invalid rows: nothing was written'),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Vestnik e-journal exchange API',
      version: '1',
      description:
        'Batch upserts keyed by the e-journal\'s externalId. Sending the same batch again changes nothing. ' +
        'A batch with any invalid row writes nothing and answers 422 with every invalid row. ' +
        'Dates are YYYY-MM-DD; mark values are 1–5, н, зач, незач.',
    },
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'the school API key from `vestnik school create`' } },
      schemas: { Counts: counts, Error: error },
    },
    paths,
  };
}
