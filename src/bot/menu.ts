import { InlineKeyboard } from 'grammy';
import type { Translate } from '../i18n/index.js';
import type { ChatLinks, LinkedChild } from '../modules/parent-views/index.js';
import type { BotContext } from './context.js';
import { callbackData, shortId } from './format/callback-data.js';
import { bold, escapeHtml } from './format/html.js';

/** Views that show one child's data, in menu order. */
export const CHILD_VIEWS = ['marks', 'forecast', 'final', 'homework', 'schedule', 'tests', 'teachers', 'holidays', 'notes'] as const;
export type ChildView = (typeof CHILD_VIEWS)[number];

/** Every command, in the order Telegram's command list shows them. */
export const COMMANDS = ['marks', 'forecast', 'final', 'homework', 'schedule', 'tests', 'teachers', 'holidays', 'notes', 'children', 'settings', 'help'] as const;

export function menuKeyboard(t: Translate, links: ChatLinks, child: LinkedChild | undefined): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  if (child) {
    const id = shortId(child.studentId);
    CHILD_VIEWS.forEach((view, i) => {
      keyboard.text(t(`bot:menu.${view}`), callbackData('v', view, id));
      if (i % 3 === 2) keyboard.row();
    });
  }
  if (links.children.length > 1) keyboard.text(t('bot:menu.children'), callbackData('ch', 'list'));
  keyboard.text(t('bot:menu.settings'), callbackData('st', 'main')).row();
  return keyboard;
}

/** A single "back to the menu" button under a view. */
export function backToMenu(t: Translate, keyboard: InlineKeyboard = new InlineKeyboard()): InlineKeyboard {
  return keyboard.row().text(t('bot:menu.back'), callbackData('menu'));
}

/** First line of every child view: whose data this is. */
export function childHeader(ctx: BotContext, child: LinkedChild, title: string): string {
  return `${bold(title)}\n${escapeHtml(ctx.t('bot:common.childLine', { name: child.fullName, className: child.className }))}`;
}
