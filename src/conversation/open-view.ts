import { AppError } from '../lib/app-error.js';
import { authorizeStudent, recordView, selectedChild, type LinkedChild } from '../modules/parent-views/index.js';
import { longId } from './format/callback-data.js';
import type { Keyboard } from './keyboard.js';
import { turnLogFields } from './log-fields.js';
import type { Body } from './markup.js';
import { backToMenu, type ChildView } from './menu.js';
import type { Router } from './router.js';
import { answer, say, sendView } from './reply.js';
import type { Turn } from './types.js';

/** The child a view is about: named by a button (checked against the chat's links) or the selected one. */
export async function resolveChild(turn: Turn, requested?: string): Promise<LinkedChild | undefined> {
  if (turn.links.guardians.length === 0 && !turn.links.student) {
    await say(turn, turn.t('bot:unlinked'));
    return undefined;
  }
  if (requested === undefined) {
    const child = selectedChild(turn.links);
    if (!child) await say(turn, turn.t('bot:noChildren'));
    return child;
  }
  try {
    return await authorizeStudent(turn.deps, turn.links, longId(requested));
  } catch (error) {
    if (!AppError.is(error, 'FORBIDDEN')) throw error;
    await refuse(turn, { requested });
    return undefined;
  }
}

/** A forged or foreign button: refused, and logged with what was asked for. */
export async function refuse(turn: Turn, details: Record<string, unknown>): Promise<void> {
  turn.deps.logger.warn({ ...turnLogFields(turn.chat, turn.input, turn.deps.secret), ...details }, "bot request refused: not this chat's data");
  if (turn.input.kind === 'button') await answer(turn, turn.t('bot:errors.forbidden'), true);
  else await turn.out.send({ body: [turn.t('bot:errors.forbidden')] });
}

export interface RenderedView {
  body: Body;
  keyboard?: Keyboard;
}

/** What a view does with its child and the optional argument from its button (undefined: refuse as tampered). */
export type ViewRenderer = (turn: Turn, child: LinkedChild, arg: string | undefined) => Promise<RenderedView | undefined>;

/**
 * One view as a feature: reachable by its command (the selected child) and by
 * menu buttons `v:<view>:<child>[:<arg>]`; each opening is recorded (R10).
 */
export function viewFeature(view: ChildView, render: ViewRenderer, options: { ownWrites?: boolean } = {}) {
  return (router: Router): void => {
    const show = async (turn: Turn, child: LinkedChild, arg: string | undefined) => {
      const rendered = await render(options.ownWrites ? turn : readingReplica(turn), child, arg);
      if (!rendered) return refuse(turn, { view, arg });
      await answer(turn);
      // R10 counts the parents' views: a student reading their own marks is not one.
      const guardianId = child.guardianId;
      await Promise.all([
        guardianId ? recordView(turn.deps.prisma, { schoolId: child.schoolId, guardianId, studentId: child.studentId, view, channelType: turn.chat.channel, now: turn.deps.now() }) : undefined,
        sendView(turn, rendered.body, rendered.keyboard ?? backToMenu(turn.t)),
      ]);
    };
    router.command(view, async (turn) => {
      const child = await resolveChild(turn);
      if (child) await show(turn, child, undefined);
    });
    router.button(new RegExp(`^v:${view}:([^:]*)(?::([^:]*))?$`), async (turn, match) => {
      const child = await resolveChild(turn, match[1]);
      if (child) await show(turn, child, match[2]);
    });
  };
}

/**
 * The turn a view renders with: its data reads go to the read replica when there is one (a
 * mark ingested a moment ago may show a moment later). Views that show the family's own
 * writes, such as an acknowledgment just given, pass `ownWrites` and read the primary.
 */
function readingReplica(turn: Turn): Turn {
  const reads = turn.deps.reads;
  if (!reads?.configured) return turn;
  return { ...turn, deps: { ...turn.deps, prisma: reads.current().prisma } };
}

/** A feature: adds its routes to the conversation's router. */
export type Feature = (router: Router) => void;
