// What `digest run` tells a person: how many digests were due and queued and, when some
// parents get nothing, why — by count, so that "0 messages" is never left unexplained.
import type { Translate } from '../i18n/index.js';
import type { RunDigestsResult } from '../modules/notifications/run-digests.js';
import { DIGEST_SKIP_REASONS } from '../modules/notifications/why-no-digest-message.js';

export function formatDigestRun(t: Translate, result: RunDigestsResult, options: { now: boolean }): string {
  if (result.guardians === 0) return t(options.now ? 'notifications:cli.digest.noneNow' : 'notifications:cli.digest.noneDue', { schools: result.schools });
  const lines = [
    t('notifications:cli.digest.line', {
      due: t(options.now ? 'notifications:cli.digest.dueNow' : 'notifications:cli.digest.due', { count: result.guardians }),
      composed: t('notifications:cli.digest.composed', { count: result.digests }),
      queued: t('notifications:cli.digest.queued', { count: result.messages }),
    }),
  ];
  const reasons: Array<[string, number]> = [
    ['nothingNew', result.skippedEmpty],
    ['noChildren', result.skippedNoChildren],
    ...DIGEST_SKIP_REASONS.map((reason): [string, number] => [reason, result.withoutMessage[reason]]),
  ];
  const unreached = reasons.reduce((sum, [, count]) => sum + count, 0);
  if (unreached > 0) {
    lines.push(t('notifications:cli.digest.unreached', { count: unreached }));
    for (const [reason, count] of reasons) if (count > 0) lines.push(`  ${t(`notifications:cli.digest.reason.${reason}`, { count })}`);
  }
  return lines.join('\n');
}
