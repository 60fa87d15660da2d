// Which member should hold which bot: every member computes the same answer from the same
// lists, so they agree without talking. Rendezvous hashing ranks the members for each bot,
// and a bot goes to the best-ranked member that still has room under ceil(bots / members):
// when a member joins or leaves, most bots keep their holder.
import { createHash } from 'node:crypto';

function score(botId: string, memberId: string): bigint {
  return createHash('sha1').update(`${botId}\u0000${memberId}`).digest().readBigUInt64BE(0);
}

/** Bot ids the given member should hold, out of `botIds`, with `members` live (itself included). */
export function rankBots(botIds: readonly string[], members: readonly string[], memberId: string): Set<string> {
  const everyone = [...new Set([...members, memberId])].sort();
  const bots = [...new Set(botIds)].sort();
  const share = Math.ceil(bots.length / everyone.length);
  const load = new Map(everyone.map((m) => [m, 0]));
  const mine = new Set<string>();
  for (const bot of bots) {
    const ranked = everyone.map((m) => ({ m, s: score(bot, m) })).sort((a, b) => (a.s === b.s ? (a.m < b.m ? -1 : 1) : a.s > b.s ? -1 : 1));
    const chosen = ranked.find(({ m }) => load.get(m)! < share)!.m;
    load.set(chosen, load.get(chosen)! + 1);
    if (chosen === memberId) mine.add(bot);
  }
  return mine;
}
