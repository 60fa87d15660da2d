// One row of the fault table, and the targets it is judged by.
export interface Outcome {
  scenario: string;
  db: string;
  expected: number;
  delivered: number;
  lost: number;
  duplicated: number;
  /** Requests whose answer was lost in transit (in flight at a kill, hung): the only repeats allowed. */
  allowedDuplicates: number;
  /** Seconds from the end of the fault (or the kill) to everything delivered. */
  recoverSeconds: number | null;
  /** Worker processes that ended without being asked to. */
  exits: number;
  stopSeconds?: number;
  /** How long the whole job took, and the most it may take with the fault. */
  seconds?: number;
  secondsTarget?: number;
  pacing?: number;
  tooMany?: number;
  note?: string;
}

/** Critical rows of a killed worker are sent within this many seconds. */
export const TAKEOVER_TARGET_S = 15;
/** A stop completes within a few seconds. */
export const STOP_TARGET_S = 5;
export const PACING_TARGET = 0.97;

export function verdict(o: Outcome): string[] {
  const failures: string[] = [];
  if (o.lost > 0) failures.push(`${o.lost} lost`);
  if (o.duplicated > o.allowedDuplicates) failures.push(`${o.duplicated} duplicates > ${o.allowedDuplicates} in flight`);
  if (o.exits > 0) failures.push(`${o.exits} worker exits`);
  if (o.scenario.startsWith('kill -9') && !(Number(o.recoverSeconds) <= TAKEOVER_TARGET_S)) failures.push(`takeover ${o.recoverSeconds} s > ${TAKEOVER_TARGET_S} s`);
  if (o.stopSeconds !== undefined && o.stopSeconds > STOP_TARGET_S) failures.push(`stop ${o.stopSeconds.toFixed(1)} s > ${STOP_TARGET_S} s`);
  if (o.seconds !== undefined && o.secondsTarget !== undefined && o.seconds > o.secondsTarget) failures.push(`took ${o.seconds.toFixed(0)} s > ${o.secondsTarget} s`);
  if (o.pacing !== undefined && o.pacing < PACING_TARGET) failures.push(`pacing ${o.pacing.toFixed(3)} < ${PACING_TARGET}`);
  if (o.tooMany !== undefined && o.tooMany > 0) failures.push(`${o.tooMany} × 429`);
  return failures;
}
