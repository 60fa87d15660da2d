import { DEFAULT_MARK_WEIGHTS, DEFAULT_ROUNDING_THRESHOLD } from './constants.js';
import { assertRoundingThreshold } from './round-mark.js';
import type { ForecastRules, MarkWeights } from './types.js';

/** The `School` columns the forecast reads; `markWeights` is untyped JSON from the database. */
export interface SchoolRuleColumns {
  readonly roundingThreshold?: number | null;
  readonly markWeights?: unknown;
}

/**
 * Turns stored school settings into forecast rules.
 *
 * A wrong threshold throws: silently rounding by another rule would show parents
 * wrong marks. A malformed weight entry is only skipped: marks carry weights
 * resolved at ingestion, so a bad entry must not stop a whole school's digests.
 * The school's map replaces the defaults as a whole (the admin edits the full map).
 */
export function readSchoolRules(school: SchoolRuleColumns): ForecastRules {
  const roundingThreshold = school.roundingThreshold ?? DEFAULT_ROUNDING_THRESHOLD;
  assertRoundingThreshold(roundingThreshold);
  return { roundingThreshold, markWeights: readMarkWeights(school.markWeights) };
}

function readMarkWeights(json: unknown): MarkWeights {
  if (json === null || json === undefined) return DEFAULT_MARK_WEIGHTS;
  if (typeof json !== 'object' || Array.isArray(json)) return DEFAULT_MARK_WEIGHTS;
  const weights: Record<string, number> = {};
  for (const [kind, weight] of Object.entries(json as Record<string, unknown>)) {
    if (typeof weight === 'number' && Number.isFinite(weight) && weight > 0) {
      weights[kind.trim().toLowerCase()] = weight;
    }
  }
  return Object.freeze(weights);
}
