// The announcement pages of the staff web: compose → preview → send or schedule, the list,
// and one announcement's tracking (reminder, CSV). A teacher writes to their own class and
// sees only its announcements; an admin writes to the school or chosen classes.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../app/app-context.js';
import { AppError } from '../../../lib/app-error.js';
import { createAnnouncement } from '../../../modules/announcements/create-announcement.js';
import { previewAnnouncement } from '../../../modules/announcements/preview-announcement.js';
import { visibleClasses } from '../../../modules/staff/authorize.js';
import { sendPage, signedIn, type FormBody, type SignedIn } from '../request-state.js';
import { layout } from '../layout.js';
import { fieldErrorOf, readAnnouncementForm, emptyForm, toAnnouncementInput, type AnnouncementFormValues, type FieldErrors } from './announcement-form.js';
import { composeBody, COMPOSE_PATH, type PickableClass } from './announcement-compose-view.js';
import { installMultipartForms, uploadedFile } from './announcement-multipart.js';
import { previewBody } from './announcement-preview-view.js';
import { registerAnnouncementTrackingPages } from './announcement-tracking-pages.js';
import { registerAnnouncementListPage } from './announcement-list-page.js';

export interface AnnouncementPagesOptions {
  /** The clock; tests pass a fixed one. */
  now: () => Date;
}

/** Classes the compose form offers: an admin's whole school by grade, a teacher's own class. */
async function pickableClasses(ctx: AppContext, s: SignedIn): Promise<PickableClass[]> {
  if (s.user.role !== 'admin') return (await visibleClasses(ctx.db.prisma, s.user)).map((c) => ({ id: c.id, name: c.name, grade: null }));
  return ctx.db.prisma.schoolClass.findMany({ where: { schoolId: s.user.schoolId }, select: { id: true, name: true, grade: true }, orderBy: [{ grade: 'asc' }, { name: 'asc' }] });
}

function assertCanWrite(s: SignedIn): void {
  // A teacher account without a class has nobody to write to.
  if (s.user.role !== 'admin' && !s.user.classId) throw new AppError('FORBIDDEN', s.t('announcement-pages:audience.noClass'));
}

export function registerAnnouncementPages(app: FastifyInstance, ctx: AppContext, options: AnnouncementPagesOptions): void {
  const prisma = ctx.db.prisma;

  const compose = async (s: SignedIn, values: AnnouncementFormValues, errors: FieldErrors = {}, problem?: string) =>
    layout(s, { title: s.t('announcement-pages:title.compose'), path: COMPOSE_PATH, body: composeBody(s, values, errors, await pickableClasses(ctx, s), problem) });

  void app.register(async (scope) => {
    await installMultipartForms(scope);

    scope.get(COMPOSE_PATH, async (request, reply) => {
      const s = signedIn(request);
      assertCanWrite(s);
      return sendPage(reply, await compose(s, emptyForm()));
    });

    // One address for the three steps, told apart by the button pressed: «Preview» on the
    // form, «Send» or «Edit» on the preview. Each step gets every field again.
    scope.post(COMPOSE_PATH, async (request, reply) => {
      const s = signedIn(request);
      assertCanWrite(s);
      const body = (request.body ?? {}) as FormBody;
      const values = readAnnouncementForm(body, uploadedFile(request));
      const step = body.step === 'send' ? 'send' : body.step === 'edit' ? 'edit' : 'preview';
      if (step === 'edit') return sendPage(reply, await compose(s, values));

      const { input, errors } = toAnnouncementInput(values, s.user, s.school.timezone, s.t);
      if (Object.keys(errors).length > 0) return sendPage(reply, await compose(s, values, errors), 422);
      const now = options.now();
      try {
        if (step === 'preview') {
          const reach = await previewAnnouncement(prisma, s.user, input, now);
          const page = previewBody(s, values, reach, input.sendAt ? reach.sendAt : null);
          return sendPage(reply, layout(s, { title: s.t('announcement-pages:title.preview'), path: COMPOSE_PATH, body: page }));
        }
        const created = await createAnnouncement(prisma, s.user, input, now);
        return reply.redirect(`/staff/announcements/${created.id}?done=${created.status === 'scheduled' ? 'scheduled' : 'sent'}`, 303);
      } catch (error) {
        if (!AppError.is(error)) throw error;
        const fieldErrors = fieldErrorOf(error, s.t, s.school.timezone, s.lang);
        if (!fieldErrors) throw error;
        const problem = Object.keys(fieldErrors).length === 0 ? s.t('announcement-pages:errors.invalid') : undefined;
        return sendPage(reply, await compose(s, values, fieldErrors, problem), 422);
      }
    });

    registerAnnouncementListPage(scope, ctx, options);
    registerAnnouncementTrackingPages(scope, ctx, options);
  });
}
