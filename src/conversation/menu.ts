import type { Translate } from '../i18n/index.js';
import type { ChatLinks, LinkedChild } from '../modules/parent-views/index.js';
import { callbackData, shortId } from './format/callback-data.js';
import { Keyboard } from './keyboard.js';
import { bold, type Inline } from './markup.js';
import type { Turn } from './types.js';

/** Views that show one child's data, in menu order. */
export const CHILD_VIEWS = ['marks', 'forecast', 'final', 'homework', 'schedule', 'tests', 'teachers', 'holidays', 'notes'] as const;
export type ChildView = (typeof CHILD_VIEWS)[number];

/** Every command, in the order the messengers' command lists show them. */
export const COMMANDS = ['marks', 'forecast', 'final', 'homework', 'schedule', 'tests', 'teachers', 'holidays', 'notes', 'children', 'inbox', 'settings', 'web', 'help'] as const;

export function menuKeyboard(t: Translate, links: ChatLinks, child: LinkedChild | undefined, channel?: string): Keyboard {
  const keyboard = new Keyboard();
  if (child) {
    const id = shortId(child.studentId);
    CHILD_VIEWS.forEach((view, i) => {
      keyboard.text(t(`bot:menu.${view}`), callbackData('v', view, id));
      if (i % 3 === 2) keyboard.row();
    });
  }
  // A student's own chat: the views only; the calendar and settings are the parents'.
  if (links.student) return keyboard;
  if (links.children.length > 1) keyboard.text(t('bot:menu.children'), callbackData('ch', 'list'));
  keyboard.text(t('bot:menu.calendar'), callbackData('st', 'cal')).text(t('bot:menu.settings'), callbackData('st', 'main')).row();
  // In a messenger, the way to the family page (a sign-in link, as /web gives).
  if (channel && channel !== 'web') keyboard.text(t('bot:menu.web'), 'web:link').row();
  return keyboard;
}

/** A single "back to the menu" button under a view. */
export function backToMenu(t: Translate, keyboard: Keyboard = new Keyboard()): Keyboard {
  return keyboard.row().text(t('bot:menu.back'), callbackData('menu'));
}

/** First lines of every child view: whose data this is. */
export function childHeader(turn: Turn, child: LinkedChild, title: string): Inline[] {
  return [bold(title), turn.t('bot:common.childLine', { name: child.fullName, className: child.className })];
}
