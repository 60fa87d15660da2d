import { translator } from '../../i18n/index.js';
import { AppError } from '../../lib/app-error.js';
import {
  getParentSettings,
  INSTANT_KINDS,
  parseQuietWindow,
  QUIET_WINDOWS,
  updateParentSettings,
  type InstantKind,
  type SettingsChange,
} from '../../modules/parent-settings/index.js';
import { recordView } from '../../modules/parent-views/index.js';
import type { Router } from '../router.js';
import type { Turn } from '../types.js';
import { longId } from '../format/callback-data.js';
import { quietLabel, SETTINGS_SCREENS, settingsScreen, type SettingsScreen } from '../format/settings-screens.js';
import { refuse, resolveChild } from '../open-view.js';
import { answer, say, sendView, showScreen } from '../reply.js';

/** Turns a settings button into a change and the screen to redraw; undefined for a forged button. */
function parseChange(op: string, value: string): { change: SettingsChange; screen: SettingsScreen } | undefined {
  switch (op) {
    case 'df':
      return value === 'daily' || value === 'weekly' || value === 'biweekly' || value === 'off' ? { change: { kind: 'digestFrequency', value }, screen: 'dg' } : undefined;
    case 'dd':
      return /^[1-7]$/.test(value) ? { change: { kind: 'digestWeekday', value: Number(value) }, screen: 'dg' } : undefined;
    case 'dt':
      return /^\d{4}$/.test(value) ? { change: { kind: 'digestTime', value: `${value.slice(0, 2)}:${value.slice(2)}` }, screen: 'dg' } : undefined;
    case 'it':
      return (INSTANT_KINDS as readonly string[]).includes(value) ? { change: { kind: 'instant', value: value as InstantKind }, screen: 'in' } : undefined;
    case 'qs': {
      const window = /^\d$/.test(value) ? QUIET_WINDOWS[Number(value)] : undefined;
      return window !== undefined ? { change: { kind: 'quiet', value: window }, screen: 'qh' } : undefined;
    }
    case 'ls':
      return value === 'ru' || value === 'en' ? { change: { kind: 'locale', value }, screen: 'lg' } : undefined;
    case 'ct': {
      const id = longId(value);
      return id ? { change: { kind: 'channel', value: id }, screen: 'ch' } : undefined;
    }
    default:
      return undefined;
  }
}

/** /settings: digest, instant alerts, quiet hours, language and channels, on one screen with sub-screens. */
export function settingsFeature(router: Router): void {
  const guardianIds = (turn: Turn) => turn.links.guardians.map((g) => g.id);

  router.command('settings', async (turn) => {
    if (turn.links.guardians.length === 0) return void (await resolveChild(turn));
    const settings = await getParentSettings(turn.deps.prisma, guardianIds(turn));
    const screen = settingsScreen(turn.t, turn.lang, settings, 'main');
    await Promise.all([
      recordView(turn.deps.prisma, { schoolId: turn.links.guardians[0]!.schoolId, guardianId: turn.links.guardians[0]!.id, studentId: null, view: 'settings', channelType: turn.chat.channel, now: turn.deps.now() }),
      sendView(turn, screen.body, screen.keyboard),
    ]);
  });

  router.button(/^st:([a-z]+)(?::([^:]*))?$/, async (turn, match) => {
    if (turn.links.guardians.length === 0) return void (await resolveChild(turn));
    const [op, value] = [match[1]!, match[2]];
    if (value === undefined) {
      const screen = SETTINGS_SCREENS.find((s) => s === op);
      if (!screen) return refuse(turn, { settings: op });
      await answer(turn);
      const rendered = settingsScreen(turn.t, turn.lang, await getParentSettings(turn.deps.prisma, guardianIds(turn)), screen);
      return showScreen(turn, rendered.body, rendered.keyboard);
    }
    const parsed = parseChange(op, value);
    if (!parsed) return refuse(turn, { settings: op, value });
    let settings;
    try {
      settings = await updateParentSettings(turn.deps.prisma, guardianIds(turn), parsed.change);
    } catch (error) {
      if (AppError.is(error, 'CONFLICT')) return answer(turn, turn.t('bot:settings.lastChannel'), true);
      if (AppError.is(error, 'FORBIDDEN') || AppError.is(error, 'INVALID_INPUT')) return refuse(turn, { settings: op, value });
      throw error;
    }
    if (parsed.change.kind === 'locale') {
      turn.lang = parsed.change.value;
      turn.t = translator(turn.lang);
    }
    await answer(turn, turn.t('bot:settings.saved'));
    const rendered = settingsScreen(turn.t, turn.lang, settings, parsed.screen);
    await showScreen(turn, rendered.body, rendered.keyboard);
  });

  // Quiet hours typed as text ("22:30-07:00"), the way people write them in a chat; any
  // other text goes on to the features after this one.
  router.text(async (turn, match, next) => {
    const window = turn.links.guardians.length > 0 && turn.chat.isPrivate ? parseQuietWindow(match[0] ?? '') : undefined;
    if (!window) return next();
    const settings = await updateParentSettings(turn.deps.prisma, guardianIds(turn), { kind: 'quiet', value: window });
    const rendered = settingsScreen(turn.t, turn.lang, settings, 'qh');
    await say(turn, turn.t('bot:settings.quietSaved', { window: quietLabel(window.from, window.to) }));
    await sendView(turn, rendered.body, rendered.keyboard);
  });
}
