// In the parent's settings: the child's own accounts (a chat or a browser signed in with a
// student code), each with a button that ends it.
import { endStudentAccount } from '../../modules/students/end-student-account.js';
import { listStudentAccounts } from '../../modules/students/list-student-accounts.js';
import { callbackData, longId, shortId } from '../format/callback-data.js';
import { formatInstant } from '../format/dates.js';
import { Keyboard } from '../keyboard.js';
import { bold, type Inline } from '../markup.js';
import { refuse, resolveChild } from '../open-view.js';
import { answer, showScreen } from '../reply.js';
import type { Router } from '../router.js';
import type { Turn } from '../types.js';

async function showAccounts(turn: Turn): Promise<void> {
  const { t, lang } = turn;
  const accounts = await listStudentAccounts(turn.deps.prisma, turn.links.guardians.map((g) => g.id));
  const timezone = turn.links.children[0]?.timezone ?? 'Europe/Moscow';
  const lines: Inline[] = [bold(t('bot:studentAccounts.title')), '', t(accounts.length > 0 ? 'bot:studentAccounts.intro' : 'bot:studentAccounts.none')];
  const keyboard = new Keyboard();
  for (const a of accounts) {
    const where = t(`bot:studentAccounts.channels.${a.channel}`);
    lines.push('', [bold(a.fullName), ` — ${where}`], t('bot:studentAccounts.since', { at: formatInstant(lang, a.createdAt, timezone) }));
    keyboard.text(t('bot:studentAccounts.end', { name: a.fullName, where }), callbackData('st', 'sx', shortId(a.id))).row();
  }
  keyboard.text(t('bot:settings.back'), callbackData('st', 'main'));
  await showScreen(turn, lines, keyboard);
}

export function studentAccountsFeature(router: Router): void {
  router.button('st:sa', async (turn) => {
    if (turn.links.guardians.length === 0) return void (await resolveChild(turn));
    await answer(turn);
    await showAccounts(turn);
  });
  router.button(/^st:sx:([^:]*)$/, async (turn, match) => {
    if (turn.links.guardians.length === 0) return void (await resolveChild(turn));
    const accountId = longId(match[1]);
    const ended = accountId ? await endStudentAccount(turn.deps.prisma, { guardianIds: turn.links.guardians.map((g) => g.id), accountId }) : false;
    if (!ended) return refuse(turn, { studentAccount: match[1] });
    turn.deps.logger.info({ channel: turn.chat.channel }, 'a parent ended a student account');
    await answer(turn, turn.t('bot:studentAccounts.ended'));
    await showAccounts(turn);
  });
}
