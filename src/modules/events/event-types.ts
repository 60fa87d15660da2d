// The domain events ingestion records (in the same transaction as the change) and the
// notification planner consumes. Payloads carry what a message needs without re-reading
// rows that may have changed since; ids refer to our rows (uuid), dates are 'YYYY-MM-DD'.

export interface MarkEventPayload {
  markId: string;
  subjectId: string;
  subjectName: string;
  date: string;
  value: string;
  weight: number;
  kind: string | null;
  comment: string | null;
  /** For mark_changed / mark_deleted: the value parents may already have been told. */
  previousValue?: string;
}

export interface FinalMarkEventPayload {
  finalMarkId: string;
  subjectId: string;
  subjectName: string;
  periodId: string;
  periodName: string;
  value: string | null;
  deferredUntil: string | null;
  reason: string | null;
}

export interface ExamResultEventPayload {
  examResultId: string;
  name: string;
  date: string;
  score: number | null;
  maxScore: number | null;
  mark: string | null;
}

export interface HomeworkEventPayload {
  homeworkId: string;
  subjectId: string;
  subjectName: string;
  dueOn: string;
  text: string;
}

export interface TimetableEventPayload {
  lessonId: string;
  subjectName: string;
  date: string;
  number: number;
  change: 'substitution' | 'moved' | 'cancelled' | 'lesson_changed';
  teacherName?: string | null;
  newDate?: string | null;
  newNumber?: number | null;
  note?: string | null;
}

export interface TestEventPayload {
  testId: string;
  subjectId: string;
  subjectName: string;
  date: string;
  topic: string | null;
}

export interface RecommendationEventPayload {
  recommendationId: string;
  teacherName: string | null;
  date: string;
  text: string;
}

export interface HolidayEventPayload {
  holidayId: string;
  name: string;
  startsOn: string;
  endsOn: string;
}

/**
 * Recorded by ingestion when new marks bring a forecast to 2 or lower, to a fail, or down
 * by a whole mark. `forecast` is 'fail' for a pass/fail subject; `previousForecast` is the
 * forecast kept before these marks (null when there was none).
 */
export interface ForecastRiskEventPayload {
  subjectId: string;
  subjectName: string;
  periodId: string;
  forecast: number | 'fail';
  previousForecast: number | 'pass' | null;
  risk: 'failing' | 'dropped';
}

export interface DomainEventPayloads {
  mark_created: MarkEventPayload;
  mark_changed: MarkEventPayload;
  mark_deleted: MarkEventPayload;
  final_mark_published: FinalMarkEventPayload;
  final_mark_deferred: FinalMarkEventPayload;
  exam_result: ExamResultEventPayload;
  homework_created: HomeworkEventPayload;
  timetable_changed: TimetableEventPayload;
  test_scheduled: TestEventPayload;
  recommendation_created: RecommendationEventPayload;
  holiday_created: HolidayEventPayload;
  forecast_risk: ForecastRiskEventPayload;
}

export type DomainEventType = keyof DomainEventPayloads;

export const DOMAIN_EVENT_TYPES = [
  'mark_created',
  'mark_changed',
  'mark_deleted',
  'final_mark_published',
  'final_mark_deferred',
  'exam_result',
  'homework_created',
  'timetable_changed',
  'test_scheduled',
  'recommendation_created',
  'holiday_created',
  'forecast_risk',
] as const satisfies readonly DomainEventType[];

/** Events that must reach every linked guardian within 24 hours (R8). */
export const CRITICAL_EVENT_TYPES: readonly DomainEventType[] = ['final_mark_published', 'final_mark_deferred', 'exam_result'];

/**
 * Row shape for domain_events. Events about one student carry studentId; class-wide
 * ones (homework, timetable, tests) carry classId; holidays for the whole school carry neither.
 */
export interface NewDomainEvent<T extends DomainEventType = DomainEventType> {
  schoolId: string;
  type: T;
  studentId?: string | null;
  classId?: string | null;
  entityId?: string | null;
  payload: DomainEventPayloads[T];
}

/**
 * Recording an event NOTIFYs this channel in the same transaction, so PostgreSQL tells
 * listeners on commit; the worker plans at once instead of on its next tick.
 */
export const DOMAIN_EVENTS_CHANNEL = 'vestnik_domain_events';
