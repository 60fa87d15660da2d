// POST /api/v1/announcements: an e-journal relays its own announcement to the school's
// families. The key decides the school; the checks and delivery are the staff pages' own.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app/app-context.js';
import { translator } from '../../i18n/index.js';
import { requestLanguage } from '../../i18n/request-language.js';
import { AppError, HTTP_STATUS_BY_CODE } from '../../lib/app-error.js';
import { createAnnouncement, describeAnnouncementError, MAX_ANNOUNCEMENT_TEXT, MAX_ATTACHMENT_BYTES } from '../../modules/announcements/index.js';

/** Base64 of the largest attachment, with room for the rest of the body. */
export const ANNOUNCEMENT_BODY_LIMIT = Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 64 * 1024;

export const announcementBody = z
  .object({
    classExternalIds: z.array(z.string().min(1).max(100)).max(500).optional().describe('classes by the e-journal\'s externalId; left out: the whole school'),
    text: z.string().describe(`the announcement, at most ${MAX_ANNOUNCEMENT_TEXT} characters`),
    ackRequired: z.boolean().optional().describe('ask families to confirm they have read it'),
    urgent: z.boolean().optional().describe('sent through families\' quiet hours'),
    sendAt: z.string().optional().describe('ISO 8601 with an offset (2026-10-16T09:00:00+03:00); left out: now'),
    attachment: z
      .object({
        fileName: z.string(),
        mimeType: z.string().describe('application/pdf, image/png or image/jpeg (the file\'s own bytes decide)'),
        contentBase64: z.string(),
      })
      .optional()
      .describe('one PDF, PNG or JPEG up to 10 MB'),
  })
  .strict();

export const announcementCreated = {
  type: 'object',
  required: ['id', 'status', 'sendAt', 'recipients'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    status: { type: 'string', enum: ['scheduled', 'sending', 'sent'] },
    sendAt: { type: 'string', format: 'date-time' },
    recipients: { type: 'integer', description: 'families it was sent to (0 while it is scheduled)' },
  },
};

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/i;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** 400 in the API's error format, naming the field; `message` in the language of Accept-Language (English without it). */
function refuse(request: FastifyRequest, reply: FastifyReply, status: number, error: string, field: string, english: string, localised?: string, details?: unknown): FastifyReply {
  const lang = requestLanguage(request.headers['accept-language']);
  return reply.status(status).send({ error, message: (lang && localised) || english, field, details });
}

export function announcementRoute(app: FastifyInstance, ctx: AppContext): void {
  app.post('/api/v1/announcements', { bodyLimit: ANNOUNCEMENT_BODY_LIMIT }, async (request, reply) => {
    const lang = requestLanguage(request.headers['accept-language']) ?? 'en';
    const t = translator(lang);
    const parsed = announcementBody.safeParse(request.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(',') : 'body');
      return refuse(request, reply, 400, 'INVALID_INPUT', field, `${field}: ${issue.message}`);
    }
    const body = parsed.data;
    const schoolId = request.apiSchoolId as string;
    const externalIds = [...new Set(body.classExternalIds ?? [])];
    const classes = externalIds.length ? await ctx.db.prisma.schoolClass.findMany({ where: { schoolId, externalId: { in: externalIds } }, select: { id: true, externalId: true } }) : [];
    const unknown = externalIds.find((id) => !classes.some((c) => c.externalId === id));
    if (unknown !== undefined) {
      return refuse(request, reply, 400, 'INVALID_INPUT', 'classExternalIds', `unknown class "${unknown}"`, t('announcements:cli.unknownClass', { externalId: unknown }), { classExternalId: unknown });
    }
    let sendAt: Date | null = null;
    if (body.sendAt !== undefined) {
      sendAt = ISO_WITH_OFFSET.test(body.sendAt) ? new Date(body.sendAt) : null;
      if (!sendAt || Number.isNaN(sendAt.getTime())) {
        return refuse(request, reply, 400, 'INVALID_INPUT', 'sendAt', 'sendAt must be ISO 8601 with an offset, e.g. 2026-10-16T09:00:00+03:00', t('announcements:error.sendAt.invalid'));
      }
    }
    if (body.attachment && !BASE64.test(body.attachment.contentBase64.replace(/\s+/g, ''))) {
      return refuse(request, reply, 400, 'INVALID_INPUT', 'attachment.contentBase64', 'attachment.contentBase64 is not base64');
    }
    try {
      const created = await createAnnouncement(
        ctx.db.prisma,
        { type: 'api', schoolId, id: request.apiKeyId ?? null },
        {
          audience: externalIds.length ? { kind: 'classes', classIds: classes.map((c) => c.id) } : { kind: 'school' },
          text: body.text,
          ackRequired: body.ackRequired ?? false,
          urgent: body.urgent ?? false,
          sendAt,
          attachment: body.attachment ? { fileName: body.attachment.fileName, mimeType: body.attachment.mimeType, bytes: Buffer.from(body.attachment.contentBase64, 'base64') } : null,
        },
        new Date(),
      );
      return reply.status(201).send({ id: created.id, status: created.status, sendAt: created.sendAt.toISOString(), recipients: created.recipients });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const details = (error.details ?? {}) as { field?: string };
      // Classes were named by externalId here: a refusal about them says so.
      const field = details.field === 'classIds' ? 'classExternalIds' : (details.field ?? 'body');
      const status = error.code === 'INVALID_INPUT' ? 400 : HTTP_STATUS_BY_CODE[error.code];
      return refuse(request, reply, status, error.code, field, error.message, describeAnnouncementError(t, error), error.details);
    }
  });
}
