// Plain data shapes of the forecast module. Callers (bot, digests, paper
// statements, staff reports) load rows from the database and pass them in;
// nothing here knows about Prisma, so the module stays pure and testable.

/** Weight by kind of work, as stored in `School.markWeights`. */
export type MarkWeights = Readonly<Record<string, number>>;

/** One journal mark as the forecast needs it (a subset of the `Mark` row). */
export interface ForecastMark {
  /** '1'..'5', 'н' (absent), 'зач', 'незач'. Anything else is not counted. */
  readonly value: string;
  /**
   * Weight from the e-journal. Rows in the database always carry one (resolved
   * at ingestion); `null`/`undefined` or a non-positive value means "not given"
   * and the school's weight for `kind` applies.
   */
  readonly weight?: number | null;
  readonly kind?: string | null;
  /** Calendar date at UTC midnight, as Prisma returns a `@db.Date` column. */
  readonly date: Date;
  readonly deleted?: boolean;
}

/** School settings the forecast depends on. */
export interface ForecastRules {
  /** Fraction at which an average rounds up: 0.5 → 4.5 gives 5; 0.6 → 4.6 gives 5. */
  readonly roundingThreshold: number;
  readonly markWeights: MarkWeights;
}

/** How a subject is graded; inferred from its marks when the caller does not know. */
export type Grading = 'numeric' | 'pass_fail';

export type PassFail = 'pass' | 'fail';

/** What was sent in the last digest, to detect a fall since then. */
export type PreviousForecast = number | PassFail | null;

export interface SubjectInput {
  readonly marks: readonly ForecastMark[];
  /** Timetable lessons left in the period for this subject; unknown when omitted. */
  readonly remainingLessons?: number | null;
  /** The count is partly an estimate: the loaded timetable stops before the period's end. */
  readonly remainingLessonsEstimated?: boolean;
  readonly previousForecast?: PreviousForecast;
  readonly grading?: Grading;
}

export interface ForecastTime {
  readonly rules: ForecastRules;
  /** The moment of the calculation; never read from the clock inside the module. */
  readonly now: Date;
  /** Last day of the period (calendar date at UTC midnight). */
  readonly periodEndsOn: Date;
  /** IANA zone of the school: "today" and "the last two weeks" are local days. Default UTC. */
  readonly timeZone?: string;
}

export interface ForecastSubjectInput extends SubjectInput, ForecastTime {}

export interface ToNext {
  /** The mark one above the forecast. */
  readonly target: number;
  /** Fewest 5s at the usual weight that reach `target`; null when 5s never can. */
  readonly fives: number | null;
  /** Fewest 4s at the usual weight that reach `target`; null when 4s never can. */
  readonly fours: number | null;
  /** False when even the fastest way needs more lessons than are left. */
  readonly reachable: boolean;
}

export interface ToDrop {
  /** The mark one below the forecast. */
  readonly target: number;
  /**
   * Fewest 2s at the usual weight that would bring the forecast down to `target`; never
   * more than the lessons left (fourteen 2s in six lessons is no warning a parent can use).
   */
  readonly twos: number;
}

export type TrendDirection = 'up' | 'down' | 'flat';

export interface Trend {
  /** Weighted average of the marks of the last two weeks (14 local days up to today). */
  readonly recentAverage: number;
  /** Weighted average of the period's earlier marks. */
  readonly earlierAverage: number;
  readonly direction: TrendDirection;
}

export type NumericRisk = null | 'failing' | 'dropped';

export interface NumericForecast {
  readonly kind: 'numeric';
  /** Full-precision weighted average. */
  readonly average: number;
  /** The average cut (not rounded) to two decimals, so the shown figure never contradicts the forecast. */
  readonly averageShown: number;
  readonly forecast: number;
  readonly marksCount: number;
  /** Weight assumed for marks still to come: the most common weight among the marks. */
  readonly usualWeight: number;
  readonly remainingLessons: number | null;
  /** `remainingLessons` is an estimate from the weekly timetable ("about N lessons"). */
  readonly remainingLessonsEstimated: boolean;
  readonly toNext: ToNext | null;
  readonly toDrop: ToDrop | null;
  readonly trend: Trend | null;
  readonly risk: NumericRisk;
}

export interface ToPass {
  /** Fewest «зач» at the usual weight that turn the forecast into a pass. */
  readonly passes: number;
  readonly reachable: boolean;
}

export interface PassFailForecast {
  readonly kind: 'pass_fail';
  readonly forecast: PassFail;
  readonly marksCount: number;
  readonly passed: number;
  readonly failed: number;
  readonly usualWeight: number;
  readonly remainingLessons: number | null;
  readonly remainingLessonsEstimated: boolean;
  readonly toPass: ToPass | null;
  readonly risk: null | 'failing';
}

export interface InsufficientForecast {
  readonly kind: 'insufficient';
  readonly marksCount: number;
  /** Marks needed before a forecast is given (always the module's minimum). */
  readonly marksRequired: number;
}

export type SubjectForecast = NumericForecast | PassFailForecast | InsufficientForecast;
