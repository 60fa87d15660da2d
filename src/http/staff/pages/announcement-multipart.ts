// The compose form is multipart (it may carry a file). Its parts are read here into the same
// field map the urlencoded forms give, so the CSRF check and the text rule see them as usual;
// the file is kept beside the request. Registered only in the announcement pages' scope.
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MAX_ATTACHMENT_BYTES } from '../../../modules/announcements/types.js';
import { rejectIllFormedText } from '../../reject-ill-formed-text.js';
import type { FormBody } from '../request-state.js';
import type { UploadedFile } from './announcement-form.js';

const uploads = new WeakMap<FastifyRequest, UploadedFile>();

/** The file posted with the form, if one was chosen. */
export function uploadedFile(request: FastifyRequest): UploadedFile | null {
  return uploads.get(request) ?? null;
}

export async function installMultipartForms(scope: FastifyInstance): Promise<void> {
  await scope.register(fastifyMultipart, {
    // One byte over the limit is enough to know it is too large: the domain then says so.
    limits: { fileSize: MAX_ATTACHMENT_BYTES + 1, files: 1, fields: 500, parts: 501, fieldSize: Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 1024 },
    throwFileSizeLimit: false,
  });
  scope.addHook('preValidation', async (request, reply) => {
    if (!request.isMultipart()) return undefined;
    const fields: FormBody = {};
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        // A file input left empty still sends a part, without a name and without bytes.
        if (part.filename || bytes.length > 0) {
          uploads.set(request, { fileName: part.filename, mimeType: part.mimetype, bytes });
          // The file's name is text like any other field's: the text rule checks it too.
          fields[part.fieldname] = part.filename;
        }
        continue;
      }
      const value = String(part.value);
      const previous = fields[part.fieldname];
      fields[part.fieldname] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
    }
    request.body = fields;
    return rejectIllFormedText(request, reply);
  });
}
