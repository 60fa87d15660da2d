// /web in a messenger: a single-use sign-in link to the family page, for parents who want
// to read on a bigger screen or share the page with the other parent's browser.
import { signInUrl, signSignInToken } from '../../modules/family-web/sign-in-token.js';
import { Keyboard } from '../keyboard.js';
import { resolveChild } from '../open-view.js';
import { answer, sendView } from '../reply.js';
import type { Router } from '../router.js';
import type { Turn } from '../types.js';

export function webLinkFeature(router: Router): void {
  const link = async (turn: Turn) => {
    if (turn.links.guardians.length === 0) return void (await resolveChild(turn));
    const { token } = signSignInToken(turn.deps.secret, turn.links.guardians.map((g) => g.id), turn.deps.now());
    const url = signInUrl(turn.deps.config.publicUrl, token);
    await answer(turn);
    await sendView(turn, [turn.t('family:web.text')], new Keyboard().url(turn.t('family:web.button'), url));
  };
  router.command('web', (turn, _match, next) => (turn.chat.channel === 'web' ? next() : link(turn)));
  router.button('web:link', (turn, _match, next) => (turn.chat.channel === 'web' ? next() : link(turn)));
}
