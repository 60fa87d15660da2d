import { Composer, InlineKeyboard } from 'grammy';
import { recordView, selectChild, selectedChild } from '../../modules/parent-views/index.js';
import type { BotContext } from '../context.js';
import { callbackData, shortId } from '../format/callback-data.js';
import { bold, escapeHtml } from '../format/html.js';
import { menuKeyboard } from '../menu.js';
import { resolveChild } from '../open-view.js';
import { answer, sendView } from '../reply.js';

/** /children: choose whose data the views show when several children are linked; the choice is remembered. */
export function createChildrenFeature() {
  const composer = new Composer<BotContext>();
  const list = async (ctx: BotContext) => {
    await answer(ctx);
    if (ctx.links.guardians.length === 0) return void (await resolveChild(ctx));
    const current = selectedChild(ctx.links);
    const keyboard = new InlineKeyboard();
    for (const child of ctx.links.children) {
      const label = `${child.studentId === current?.studentId ? '• ' : ''}${child.fullName}, ${child.className}`;
      keyboard.text(label, callbackData('ch', shortId(child.studentId))).row();
    }
    const guardian = ctx.links.guardians[0]!;
    await Promise.all([
      recordView(ctx.deps.prisma, { guardianId: guardian.id, studentId: null, view: 'children', now: ctx.deps.now() }),
      sendView(ctx, `${bold(ctx.t('bot:children.title'))}\n${escapeHtml(ctx.t('bot:children.choose'))}`, keyboard),
    ]);
  };
  composer.command('children', list);
  composer.callbackQuery('ch:list', list);
  composer.callbackQuery(/^ch:(?!list$)([^:]*)$/, async (ctx) => {
    const child = await resolveChild(ctx, ctx.match[1]);
    if (!child) return;
    await selectChild(ctx.deps.prisma, ctx.links, child);
    for (const g of ctx.links.guardians) g.selectedStudentId = g.id === child.guardianId ? child.studentId : null;
    await answer(ctx);
    await sendView(ctx, escapeHtml(ctx.t('bot:children.selected', { name: child.fullName })), menuKeyboard(ctx.t, ctx.links, child));
  });
  return composer;
}
