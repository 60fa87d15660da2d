// Every update the bot handles counts in /metrics (vestnik_bot_updates_total{channel}).
import type { NextFunction } from 'grammy';
import { processMetrics } from '../../metrics/metrics.js';

export function countUpdates(channel: string): (ctx: unknown, next: NextFunction) => Promise<void> {
  const counter = processMetrics().botUpdates.labels({ channel });
  return (_ctx, next) => {
    counter.inc();
    return next();
  };
}
