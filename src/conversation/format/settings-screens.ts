import type { Lang, Translate } from '../../i18n/index.js';
import { DIGEST_FREQUENCIES, DIGEST_TIMES, INSTANT_KINDS, QUIET_WINDOWS, type ParentSettings } from '../../modules/parent-settings/index.js';
import { callbackData, shortId } from './callback-data.js';
import { Keyboard } from '../keyboard.js';
import { bold, type Inline } from '../markup.js';

export type SettingsScreen = 'main' | 'dg' | 'in' | 'qh' | 'lg' | 'ch';
export const SETTINGS_SCREENS: readonly SettingsScreen[] = ['main', 'dg', 'in', 'qh', 'lg', 'ch'];

export const quietLabel = (from: string, to: string) => `${from}–${to}`;
const mark = (on: boolean, label: string) => `${on ? '✅' : '▫️'} ${label}`;
const pick = (chosen: boolean, label: string) => (chosen ? `• ${label}` : label);

function digestLine(t: Translate, s: ParentSettings): string {
  if (s.digestFrequency === 'off') return t('bot:settings.digestOff');
  if (s.digestFrequency === 'daily') return t('bot:settings.digestLineDaily', { time: s.digestTime });
  return t('bot:settings.digestLine', { frequency: t(`bot:settings.frequency.${s.digestFrequency}`), day: t(`bot:weekdays.${s.digestWeekday}`), time: s.digestTime });
}

function channelLabel(t: Translate, c: ParentSettings['channels'][number]): string {
  return c.type === 'email' && c.address ? `${t('bot:settings.channel.email')} ${c.address}` : t(`bot:settings.channel.${c.type}`);
}

/** The text and buttons of one settings screen; every button names an offered value only. */
export function settingsScreen(t: Translate, lang: Lang, s: ParentSettings, screen: SettingsScreen): { body: Inline[]; keyboard: Keyboard } {
  const keyboard = new Keyboard();
  const back = () => keyboard.row().text(t('bot:settings.back'), callbackData('st', 'main'));
  const lines: Inline[] = [bold(t('bot:settings.title'))];
  switch (screen) {
    case 'main': {
      const instant = INSTANT_KINDS.map((k) => `${t(`bot:settings.instant.${k}`)}: ${t(s.instant[k] ? 'bot:settings.on' : 'bot:settings.off')}`);
      const quiet = s.quietFrom && s.quietTo ? quietLabel(s.quietFrom, s.quietTo) : t('bot:settings.quietNone');
      lines.push(
        '',
        [bold(t('bot:settings.digest')), `: ${digestLine(t, s)}`],
        [bold(t('bot:settings.instantTitle')), `: ${instant.join('; ')}`],
        (t('bot:settings.finalAlwaysOn')),
        [bold(t('bot:settings.quiet')), `: ${quiet}`],
        [bold(t('bot:settings.language')), `: ${t(`bot:settings.languages.${lang}`)}`],
        [bold(t('bot:settings.messengers')), `: ${s.receivingChat ? t('bot:settings.messengersLine', { name: t(`consent:bot.channelNames.${s.receivingChat}`) }) : t('bot:settings.messengersNone')}`],
        [bold(t('bot:settings.channels')), `: ${s.channels.map((c) => `${channelLabel(t, c)} — ${t(c.enabled ? 'bot:settings.on' : 'bot:settings.off')}`).join('; ')}`],
      );
      keyboard.text(t('bot:settings.digest'), callbackData('st', 'dg')).text(t('bot:settings.instantTitle'), callbackData('st', 'in')).row();
      keyboard.text(t('bot:settings.quiet'), callbackData('st', 'qh')).text(t('bot:settings.language'), callbackData('st', 'lg')).row();
      keyboard.text(t('bot:settings.channels'), callbackData('st', 'ch')).text(t('bot:settings.messengers'), callbackData('st', 'ms')).row();
      keyboard.text(t('bot:studentAccounts.button'), callbackData('st', 'sa')).row();
      keyboard.text(t('bot:menu.back'), callbackData('menu'));
      break;
    }
    case 'dg':
      lines.push('', (digestLine(t, s)), '', (t('bot:settings.digestHelp')));
      DIGEST_FREQUENCIES.forEach((f, i) => {
        keyboard.text(pick(s.digestFrequency === f, t(`bot:settings.frequency.${f}`)), callbackData('st', 'df', f));
        if (i % 2 === 1) keyboard.row();
      });
      keyboard.row();
      // A daily digest has no weekday to choose.
      if (s.digestFrequency !== 'daily') {
        for (let day = 1; day <= 7; day++) keyboard.text(pick(s.digestWeekday === day, t(`bot:weekdaysShort.${day}`)), callbackData('st', 'dd', String(day)));
        keyboard.row();
      }
      for (const time of DIGEST_TIMES) keyboard.text(pick(s.digestTime === time, time), callbackData('st', 'dt', time.replace(':', '')));
      back();
      break;
    case 'in':
      lines.push('', (t('bot:settings.instantHelp')), (t('bot:settings.finalAlwaysOn')));
      for (const k of INSTANT_KINDS) keyboard.text(mark(s.instant[k], t(`bot:settings.instant.${k}`)), callbackData('st', 'it', k)).row();
      back();
      break;
    case 'qh': {
      lines.push('', (t('bot:settings.quietHelp')));
      // A typed window that is not among the buttons is shown as the parent's own.
      const preset = QUIET_WINDOWS.some((w) => (w === null ? !s.quietFrom : w.from === s.quietFrom && w.to === s.quietTo));
      if (!preset && s.quietFrom && s.quietTo) lines.push('', bold(t('bot:settings.quietCustom', { window: quietLabel(s.quietFrom, s.quietTo) })));
      QUIET_WINDOWS.forEach((w, i) => {
        const chosen = w === null ? !s.quietFrom : w.from === s.quietFrom && w.to === s.quietTo;
        keyboard.text(pick(chosen, w ? quietLabel(w.from, w.to) : t('bot:settings.quietNone')), callbackData('st', 'qs', String(i)));
        if (i % 2 === 1) keyboard.row();
      });
      back();
      break;
    }
    case 'lg':
      lines.push('', (t('bot:settings.languageHelp')));
      for (const l of ['ru', 'en'] as const) keyboard.text(pick(lang === l, t(`bot:settings.languages.${l}`)), callbackData('st', 'ls', l));
      back();
      break;
    case 'ch':
      lines.push('', (t('bot:settings.channelsHelp')));
      for (const c of s.channels) keyboard.text(mark(c.enabled, channelLabel(t, c)), callbackData('st', 'ct', shortId(c.id))).row();
      back();
      break;
  }
  return { body: lines, keyboard };
}
