import { turnLogFields } from '../log-fields.js';
import { localeMarkup } from '../markup.js';
import { answer, say } from '../reply.js';
import type { Router } from '../router.js';
import type { Turn } from '../types.js';
import { showMenu } from './help.js';

/** Anything no feature understood: point to the menu (or, for an unlinked chat, to registration). */
export function fallbackFeature(router: Router): void {
  router.any('button', async (turn) => {
    turn.deps.logger.info(turnLogFields(turn.chat, turn.input, turn.deps.secret), 'unknown button pressed');
    await answer(turn, turn.t('bot:errors.staleButton'), true);
  });
  const message = async (turn: Turn) => {
    if (!turn.chat.isPrivate) return;
    if (turn.links.guardians.length === 0 && !turn.links.student) return say(turn, localeMarkup(turn.t('bot:unlinked')));
    await showMenu(turn, turn.t('bot:fallback'));
  };
  router.any('text', message);
  router.any('command', message);
}
