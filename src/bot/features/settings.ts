import { Composer } from 'grammy';
import { translator } from '../../i18n/index.js';
import { AppError } from '../../lib/app-error.js';
import { getParentSettings, QUIET_WINDOWS, updateParentSettings, type SettingsChange } from '../../modules/parent-settings/index.js';
import { recordView } from '../../modules/parent-views/index.js';
import type { BotContext } from '../context.js';
import { longId } from '../format/callback-data.js';
import { SETTINGS_SCREENS, settingsScreen, type SettingsScreen } from '../format/settings-screens.js';
import { refuse, resolveChild } from '../open-view.js';
import { answer, sendView, showScreen } from '../reply.js';

/** Turns a settings button into a change and the screen to redraw; undefined for a forged button. */
function parseChange(op: string, value: string): { change: SettingsChange; screen: SettingsScreen } | undefined {
  switch (op) {
    case 'df':
      return value === 'weekly' || value === 'biweekly' || value === 'off' ? { change: { kind: 'digestFrequency', value }, screen: 'dg' } : undefined;
    case 'dd':
      return /^[1-7]$/.test(value) ? { change: { kind: 'digestWeekday', value: Number(value) }, screen: 'dg' } : undefined;
    case 'dt':
      return /^\d{4}$/.test(value) ? { change: { kind: 'digestTime', value: `${value.slice(0, 2)}:${value.slice(2)}` }, screen: 'dg' } : undefined;
    case 'it':
      return value === 'marks' || value === 'recommendations' || value === 'risk' || value === 'timetable' ? { change: { kind: 'instant', value }, screen: 'in' } : undefined;
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
export function createSettingsFeature() {
  const composer = new Composer<BotContext>();
  const guardianIds = (ctx: BotContext) => ctx.links.guardians.map((g) => g.id);

  composer.command('settings', async (ctx) => {
    if (ctx.links.guardians.length === 0) return void (await resolveChild(ctx));
    const settings = await getParentSettings(ctx.deps.prisma, guardianIds(ctx));
    const screen = settingsScreen(ctx.t, ctx.lang, settings, 'main');
    await Promise.all([
      recordView(ctx.deps.prisma, { guardianId: ctx.links.guardians[0]!.id, studentId: null, view: 'settings', now: ctx.deps.now() }),
      sendView(ctx, screen.text, screen.keyboard),
    ]);
  });

  composer.callbackQuery(/^st:([a-z]+)(?::([^:]*))?$/, async (ctx) => {
    if (ctx.links.guardians.length === 0) return void (await resolveChild(ctx));
    const [op, value] = [ctx.match[1]!, ctx.match[2]];
    if (value === undefined) {
      const screen = SETTINGS_SCREENS.find((s) => s === op);
      if (!screen) return refuse(ctx, { settings: op });
      await answer(ctx);
      const rendered = settingsScreen(ctx.t, ctx.lang, await getParentSettings(ctx.deps.prisma, guardianIds(ctx)), screen);
      return showScreen(ctx, rendered.text, rendered.keyboard);
    }
    const parsed = parseChange(op, value);
    if (!parsed) return refuse(ctx, { settings: op, value });
    let settings;
    try {
      settings = await updateParentSettings(ctx.deps.prisma, guardianIds(ctx), parsed.change);
    } catch (error) {
      if (AppError.is(error, 'CONFLICT')) return answer(ctx, ctx.t('bot:settings.lastChannel'), true);
      if (AppError.is(error, 'FORBIDDEN') || AppError.is(error, 'INVALID_INPUT')) return refuse(ctx, { settings: op, value });
      throw error;
    }
    if (parsed.change.kind === 'locale') {
      ctx.lang = parsed.change.value;
      ctx.t = translator(ctx.lang);
    }
    await answer(ctx, ctx.t('bot:settings.saved'));
    const rendered = settingsScreen(ctx.t, ctx.lang, settings, parsed.screen);
    await showScreen(ctx, rendered.text, rendered.keyboard);
  });
  return composer;
}
