// Plain shapes the parent views return. Callers (the bot, later the web) format them;
// calendar dates are 'YYYY-MM-DD' strings so no caller can shift them by a time zone.

/** One child a chat may see, through one of the chat's guardians. */
export interface LinkedChild {
  studentId: string;
  fullName: string;
  classId: string;
  className: string;
  schoolId: string;
  /** The guardian row (per school) that links this chat to the child; null in the student's own chat. */
  guardianId: string | null;
  timezone: string;
}

export interface ChatGuardian {
  id: string;
  schoolId: string;
  locale: 'ru' | 'en' | null;
  selectedStudentId: string | null;
  schoolDefaultLocale: 'ru' | 'en';
}

/**
 * Everything a chat is linked to; empty `guardians` means an unlinked chat, unless
 * `student` is set: the student's own account, whose only child is the student.
 */
export interface ChatLinks {
  chatId: string;
  guardians: ChatGuardian[];
  children: LinkedChild[];
  student?: LinkedChild & { schoolDefaultLocale: 'ru' | 'en' };
}

export interface PeriodInfo {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string;
}

export interface ViewScope {
  child: LinkedChild;
  now: Date;
}
