import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../app/app-context.js';
import { findExpiredCodes } from '../../../modules/consent/find-expired-codes.js';
import { reissueExpiredCodes } from '../../../modules/consent/reissue-expired-codes.js';
import { findRevocableCodes, revokeCodes } from '../../../modules/consent/revoke-codes.js';
import type { Actor } from '../../../modules/consent/types.js';
import { assertAdmin, authorizeClass, isUuid, visibleClasses } from '../../../modules/staff/authorize.js';
import { html, withQuery, type SafeHtml } from '../html.js';
import { csrfField, layout, notice } from '../layout.js';
import { formField, formFields, queryField, sendPage, signedIn, type SignedIn } from '../request-state.js';
import { CODES_PATH, type CodesFilter } from './codes-list-view.js';
import { issuedPage } from './consent-view.js';

export const EMPTY_FILTER: CodesFilter = { class: '', status: '', kind: '', q: '', page: 1 };
const MAX_SELECTED = 5000;

export function readCodesFilter(request: FastifyRequest): CodesFilter {
  const classId = queryField(request, 'class');
  return {
    // Anything but a class id shows all classes; a foreign id is refused by the caller.
    class: isUuid(classId) ? classId : '',
    status: queryField(request, 'status').slice(0, 20),
    kind: queryField(request, 'kind').slice(0, 20),
    q: queryField(request, 'q').trim().slice(0, 100),
    page: Math.min(Math.max(Number.parseInt(queryField(request, 'page'), 10) || 1, 1), 10_000),
  };
}

export function studentFormRefused(s: SignedIn): SafeHtml {
  const { t } = s;
  const body = html`${notice('error', t('codes-page:studentForm.reason'))}
<p><a class="button secondary" href="${CODES_PATH}">${t('codes-page:studentForm.back')}</a></p>`;
  return layout(s, { title: t('codes-page:studentForm.title'), path: CODES_PATH, body });
}

function byClass(s: SignedIn, classNames: string[]): SafeHtml {
  const counts = new Map<string, number>();
  for (const name of classNames) counts.set(name, (counts.get(name) ?? 0) + 1);
  return html`<ul>${[...counts].map(([name, count]) => html`<li>${s.t('codes-page:bulk.byClass', { class: name, count })}</li>`)}</ul>`;
}

function confirmPage(s: SignedIn, input: { action: 'revoke' | 'reissue'; classId: string; lines: SafeHtml; codeIds?: string[] }): SafeHtml {
  const { t } = s;
  const body = html`<div class="card confirm">
${input.lines}
<form method="post" action="${CODES_PATH}/bulk" class="exports">
  ${csrfField(s)}<input type="hidden" name="action" value="${input.action}"><input type="hidden" name="classId" value="${input.classId}"><input type="hidden" name="confirm" value="yes">
  ${(input.codeIds ?? []).map((id) => html`<input type="hidden" name="codeId" value="${id}">`)}
  <button type="submit"${input.action === 'revoke' ? html` class="danger"` : ''}>${t(input.action === 'revoke' ? 'codes-page:bulk.confirmRevoke' : 'codes-page:bulk.confirmReissue')}</button>
  <a class="button secondary" href="${withQuery(CODES_PATH, { class: input.classId })}">${t('codes-page:bulk.cancel')}</a>
</form>
</div>`;
  return layout(s, { title: t('codes-page:bulk.confirmTitle'), path: CODES_PATH, body });
}

type Render = (s: SignedIn, filter: CodesFilter, extra?: { message?: SafeHtml }) => Promise<SafeHtml>;

/** Revoke the ticked codes, or reissue the expired ones of a class or of the school: each asks first, saying what will happen. */
export function registerCodesBulkPages(app: FastifyInstance, ctx: AppContext, render: Render): void {
  const prisma = ctx.db.prisma;
  const actorOf = (s: SignedIn): Actor => ({ type: 'admin', id: s.user.id });

  app.post(`${CODES_PATH}/bulk`, async (request, reply) => {
    const s = signedIn(request);
    assertAdmin(s.user);
    const { t } = s;
    const classId = formField(request, 'classId');
    if (classId) await authorizeClass(prisma, s.user, classId);
    const confirmed = formField(request, 'confirm') === 'yes';
    const back = (key: string, status: number) => render(s, { ...EMPTY_FILTER, class: classId }, { message: notice('error', t(key)) }).then((page) => sendPage(reply, page, status));
    const now = new Date();

    if (formField(request, 'action') === 'reissue') {
      const classIds = classId ? [classId] : (await visibleClasses(prisma, s.user)).map((c) => c.id);
      if (!confirmed) {
        const expired = await findExpiredCodes(prisma, { schoolId: s.user.schoolId, classIds, now });
        if (expired.length === 0) return back('codes-page:bulk.nothingToReissue', 409);
        const lines = html`<p class="lead">${t('codes-page:bulk.willReissue', { count: expired.length })}</p>${byClass(s, expired.map((c) => c.className))}<p class="hint">${t('codes-page:bulk.reissueEffect')}</p>`;
        return sendPage(reply, confirmPage(s, { action: 'reissue', classId, lines }));
      }
      const reissued = await reissueExpiredCodes(prisma, ctx.secret, { schoolId: s.user.schoolId, classIds, actor: actorOf(s), now });
      if (reissued.length === 0) return back('codes-page:bulk.nothingToReissue', 409);
      const issued = {
        className: [...new Set(reissued.map((c) => c.className))].join(', '),
        codes: reissued.map((c) => ({ code: c.code, studentName: c.studentName, className: c.className, expiresAt: c.expiresAt })),
        // The printed form is for parents: with a student's code among them, the codes go out as a list.
        forStudents: reissued.some((c) => c.forStudent),
        title: t('codes-page:bulk.reissuedTitle'),
        notice: t('codes-page:bulk.reissued', { count: reissued.length }),
      };
      return sendPage(reply, issuedPage(s, issued, classId));
    }

    const codeIds = [...new Set(formFields(request, 'codeId').filter(isUuid))].slice(0, MAX_SELECTED);
    if (codeIds.length === 0) return back('codes-page:bulk.nothingSelected', 422);
    if (!confirmed) {
      const revocable = await findRevocableCodes(prisma, s.user.schoolId, codeIds);
      if (revocable.length === 0) return back('codes-page:bulk.nothingToRevoke', 409);
      const skipped = codeIds.length - revocable.length;
      const lines = html`<p class="lead">${t('codes-page:bulk.willRevoke', { count: revocable.length })}</p>${byClass(s, revocable.map((c) => c.className))}
${skipped > 0 ? html`<p>${t('codes-page:bulk.skipped', { count: skipped })}</p>` : ''}<p class="hint">${t('codes-page:bulk.revokeEffect')}</p>`;
      return sendPage(reply, confirmPage(s, { action: 'revoke', classId, lines, codeIds: revocable.map((c) => c.id) }));
    }
    const { revoked } = await revokeCodes(prisma, { schoolId: s.user.schoolId, codeIds, actor: actorOf(s), now });
    if (revoked === 0) return back('codes-page:bulk.nothingToRevoke', 409);
    return reply.redirect(withQuery(CODES_PATH, { class: classId || undefined, done: 'bulkRevoked', count: revoked }), 303);
  });
}
