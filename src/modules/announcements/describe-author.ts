// Who an announcement is from, as the audit log and families see it.
import { isStaffAuthor, type AnnouncementAuthor } from './types.js';

export interface AuthorFields {
  authorType: string;
  authorId: string | null;
  /**
   * The name under the text; the command line and an e-journal speak as the school (null),
   * and so does a staff member without a name: their email address is not for families.
   */
  authorName: string | null;
}

export function describeAuthor(author: AnnouncementAuthor): AuthorFields {
  if (isStaffAuthor(author)) return { authorType: author.role, authorId: author.id, authorName: author.fullName?.trim() || null };
  return { authorType: author.type, authorId: author.id ?? null, authorName: null };
}
