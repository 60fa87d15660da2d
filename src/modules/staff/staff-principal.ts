import type { Lang } from '../../i18n/index.js';

/** Who is signed in: everything authorisation needs, nothing more. */
export interface StaffPrincipal {
  id: string;
  schoolId: string;
  email: string;
  role: 'admin' | 'teacher';
  /** The class a teacher leads; null for admins. */
  classId: string | null;
  fullName: string | null;
  locale: Lang | null;
}

export function toPrincipal(user: { id: string; schoolId: string; email: string; role: 'admin' | 'teacher'; classId: string | null; fullName: string | null; locale: Lang | null }): StaffPrincipal {
  return { id: user.id, schoolId: user.schoolId, email: user.email, role: user.role, classId: user.classId, fullName: user.fullName, locale: user.locale };
}
