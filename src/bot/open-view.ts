import type { InlineKeyboard } from 'grammy';
import { Composer } from 'grammy';
import { AppError } from '../lib/app-error.js';
import { authorizeStudent, recordView, selectedChild, type LinkedChild } from '../modules/parent-views/index.js';
import type { BotContext } from './context.js';
import { longId } from './format/callback-data.js';
import { updateLogFields } from './log-fields.js';
import { backToMenu, type ChildView } from './menu.js';
import { answer, sendView } from './reply.js';

/** The child a view is about: named by a button (checked against the chat's links) or the selected one. */
export async function resolveChild(ctx: BotContext, requested?: string): Promise<LinkedChild | undefined> {
  if (ctx.links.guardians.length === 0) {
    await answer(ctx);
    await ctx.reply(ctx.t('bot:unlinked'), { parse_mode: 'HTML' });
    return undefined;
  }
  if (requested === undefined) {
    const child = selectedChild(ctx.links);
    if (!child) await ctx.reply(ctx.t('bot:noChildren'));
    return child;
  }
  try {
    return await authorizeStudent(ctx.deps, ctx.links, longId(requested));
  } catch (error) {
    if (!AppError.is(error, 'FORBIDDEN')) throw error;
    await refuse(ctx, { requested });
    return undefined;
  }
}

/** A forged or foreign button: refused, and logged with what was asked for. */
export async function refuse(ctx: BotContext, details: Record<string, unknown>): Promise<void> {
  ctx.deps.logger.warn({ ...updateLogFields(ctx, ctx.deps.secret), ...details }, 'bot request refused: not this chat\'s data');
  await answer(ctx, ctx.t('bot:errors.forbidden'), true);
  if (!ctx.callbackQuery) await ctx.reply(ctx.t('bot:errors.forbidden'));
}

export interface RenderedView {
  text: string;
  keyboard?: InlineKeyboard;
}

/** What a view does with its child and the optional argument from its button (undefined: refuse as tampered). */
export type ViewRenderer = (ctx: BotContext, child: LinkedChild, arg: string | undefined) => Promise<RenderedView | undefined>;

/**
 * One view as a feature: reachable by its command (the selected child) and by
 * menu buttons `v:<view>:<child>[:<arg>]`; each opening is recorded (R10).
 */
export function viewFeature(view: ChildView, render: ViewRenderer): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const show = async (ctx: BotContext, child: LinkedChild, arg: string | undefined) => {
    const rendered = await render(ctx, child, arg);
    if (!rendered) return refuse(ctx, { view, arg });
    await answer(ctx);
    await Promise.all([
      recordView(ctx.deps.prisma, { guardianId: child.guardianId, studentId: child.studentId, view, now: ctx.deps.now() }),
      sendView(ctx, rendered.text, rendered.keyboard ?? backToMenu(ctx.t)),
    ]);
  };
  composer.command(view, async (ctx) => {
    const child = await resolveChild(ctx);
    if (child) await show(ctx, child, undefined);
  });
  composer.callbackQuery(new RegExp(`^v:${view}:([^:]*)(?::([^:]*))?$`), async (ctx) => {
    const child = await resolveChild(ctx, ctx.match[1]);
    if (child) await show(ctx, child, ctx.match[2]);
  });
  return composer;
}
