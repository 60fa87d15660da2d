import { Composer } from 'grammy';
import { selectedChild } from '../../modules/parent-views/index.js';
import type { BotContext } from '../context.js';
import { escapeHtml } from '../format/html.js';
import { menuKeyboard } from '../menu.js';
import { answer, sendView } from '../reply.js';

/** /help and the menu: every view as a button, for parents who do not type commands. */
export function createHelpFeature() {
  const composer = new Composer<BotContext>();
  composer.command(['help', 'menu'], async (ctx) => {
    if (ctx.links.guardians.length === 0) return void (await ctx.reply(`${ctx.t('bot:help.text')}\n\n${ctx.t('bot:unlinked')}`, { parse_mode: 'HTML' }));
    await showMenu(ctx, ctx.t('bot:help.text'));
  });
  // A bare /start from a linked chat (registration passes it on): the menu.
  composer.command('start', async (ctx) => {
    if (ctx.links.guardians.length === 0) return void (await ctx.reply(ctx.t('bot:unlinked'), { parse_mode: 'HTML' }));
    await showMenu(ctx, ctx.t('bot:menu.title'));
  });
  composer.callbackQuery('menu', async (ctx) => {
    await answer(ctx);
    await showMenu(ctx, ctx.t('bot:menu.title'));
  });
  return composer;
}

export async function showMenu(ctx: BotContext, intro: string): Promise<void> {
  const child = selectedChild(ctx.links);
  const who = child ? `\n\n${escapeHtml(ctx.t('bot:common.childLine', { name: child.fullName, className: child.className }))}` : '';
  await sendView(ctx, `${intro}${who}`, menuKeyboard(ctx.t, ctx.links, child));
}
