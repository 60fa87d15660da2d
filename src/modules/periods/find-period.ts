// "The current period" and "the period of a mark" are the same question, asked by the
// ingestion (which period a mark belongs to), the digests and the parent views: one
// answer for all, so a mark, its digest and the bot never disagree.

export interface PeriodSpan {
  id: string;
  /** 'YYYY-MM-DD' */
  startsOn: string;
  /** 'YYYY-MM-DD', inclusive */
  endsOn: string;
}

/**
 * The period `date` ('YYYY-MM-DD') falls in. Periods nest (quarters inside the year):
 * the shortest covering period wins, because forecasts and final marks are per quarter
 * or trimester first. Two equally long periods can overlap only by mistake (a quarter
 * that ends the day the next one starts): the one that starts later wins, being the one
 * under way; the id settles anything left, so every caller gets the same answer.
 */
export function findPeriod<P extends PeriodSpan>(periods: readonly P[], date: string): P | undefined {
  let best: P | undefined;
  let bestDays = Infinity;
  for (const period of periods) {
    if (period.startsOn > date || date > period.endsOn) continue;
    const days = (Date.parse(period.endsOn) - Date.parse(period.startsOn)) / 86_400_000;
    if (!best || days < bestDays || (days === bestDays && (period.startsOn > best.startsOn || (period.startsOn === best.startsOn && period.id < best.id)))) {
      best = period;
      bestDays = days;
    }
  }
  return best;
}
