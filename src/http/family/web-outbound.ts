// The conversation's Outbound on the web page: what a turn sends is collected and becomes
// the page; a press's notice is shown above it. A "redraw" is the new page itself.
import type { Screen } from '../../conversation/markup.js';
import type { Outbound } from '../../conversation/types.js';

export interface WebOutbound extends Outbound {
  readonly screens: Screen[];
  readonly notices: Array<{ text: string; alert: boolean }>;
}

export function createWebOutbound(): WebOutbound {
  const screens: Screen[] = [];
  const notices: Array<{ text: string; alert: boolean }> = [];
  return {
    screens,
    notices,
    async send(screen) {
      screens.push(screen);
    },
    async redraw(screen) {
      screens.push(screen);
    },
    async replaceButtons() {
      // A web page is drawn anew for every action: there is no earlier message to change.
    },
    async answer(notice, alert = false) {
      if (notice) notices.push({ text: notice, alert });
    },
  };
}
