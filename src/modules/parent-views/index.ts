// What a linked parent may look at (R4, R6, R10). Functions take the Prisma client,
// the child as linked to the asking chat, and the moment; none knows about Telegram.
export { acknowledgeFinalMarks } from './acknowledge-final-marks.js';
export { authorizeStudent, selectedChild } from './authorize-student.js';
export { DAY_RANGES, dayRange, type DayRange } from './day-range.js';
export { findChatLinks, findGuardianLinks } from './find-chat-links.js';
export { findCurrentPeriod } from './find-current-period.js';
export { getCurrentMarks, type CurrentMarks, type MarkEntry, type SubjectMarks } from './get-current-marks.js';
export { FINAL_MARKS_ACK_SUBJECT, finalMarksReference, getFinalMarks, type ExamEntry, type FinalMarkEntry, type FinalMarks } from './get-final-marks.js';
export { getForecasts, type Forecasts, type SubjectForecastView } from './get-forecasts.js';
export { getHolidays, type HolidayEntry } from './get-holidays.js';
export { getHomework, type HomeworkEntry } from './get-homework.js';
export { getNotes, type NoteEntry } from './get-notes.js';
export { getSchedule, type ScheduleDay, type ScheduleLesson } from './get-schedule.js';
export { getTeachers, type TeacherEntry } from './get-teachers.js';
export { getTests, type TestEntry } from './get-tests.js';
export { addDays, isoDay, localToday } from './local-date.js';
export { recordView } from './record-view.js';
export { selectChild } from './select-child.js';
export type * from './types.js';
