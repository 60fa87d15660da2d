// A student's own chat reads the student's views and nothing else: settings, messengers,
// the calendar, consent, messages, acknowledgments and /stop are the parents'. One guard
// in front of those features answers a student with one short text instead.
import { answer, say } from '../reply.js';
import type { Router } from '../router.js';
import type { Turn } from '../types.js';

const PARENT_COMMANDS = ['settings', 'children', 'inbox', 'stop', 'web', 'calendar', 'consent'] as const;
/** Payloads of the parents' screens and duties (settings and their sub-screens, children, messages, acknowledgments, withdrawal, the family page link). */
const PARENT_BUTTONS = /^(?:st:|ch:|stop:|ack:|ackmsg:|msg:|msgs$|web:)/;

const forParents = (turn: Turn) => turn.t('bot:student.forParents');

export function studentGuardFeature(router: Router): void {
  router.command(PARENT_COMMANDS, async (turn, _match, next) => (turn.links.student ? say(turn, forParents(turn)) : next()));
  router.button(PARENT_BUTTONS, async (turn, _match, next) => (turn.links.student ? answer(turn, forParents(turn), true) : next()));
}
