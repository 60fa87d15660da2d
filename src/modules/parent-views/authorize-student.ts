import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../lib/app-error.js';
import { chatKey } from '../consent/chat-key.js';
import type { ChatLinks, LinkedChild } from './types.js';

/**
 * A chat sees only the children linked to it. Anything else — a tampered button,
 * an id copied from another family — is refused and written to the audit log,
 * so staff can see attempts to read other families' data. The log names the chat by its
 * keyed hash only: a raw chat id would outlive the guardian's withdrawal (152-ФЗ).
 */
export async function authorizeStudent(
  deps: { prisma: PrismaClient; secret: string },
  links: ChatLinks,
  studentId: string | null | undefined,
): Promise<LinkedChild> {
  const child = studentId ? links.children.find((c) => c.studentId === studentId) : undefined;
  if (child) return child;
  const guardian = links.guardians[0];
  await deps.prisma.auditLog.create({
    data: {
      schoolId: guardian?.schoolId ?? null,
      actorType: 'guardian',
      actorId: guardian?.id ?? null,
      action: 'bot.student_refused',
      targetType: 'student',
      targetId: studentId && /^[0-9a-f-]{36}$/i.test(studentId) ? studentId : null,
      details: { chat: chatKey(deps.secret, links.chatId), requested: studentId ?? null },
    },
  });
  throw new AppError('FORBIDDEN', 'this chat is not linked to the requested student', { studentId });
}

/** The child a view shows when none is named: the remembered choice, else the first linked. */
export function selectedChild(links: ChatLinks): LinkedChild | undefined {
  for (const guardian of links.guardians) {
    const chosen = links.children.find((c) => c.studentId === guardian.selectedStudentId);
    if (chosen) return chosen;
  }
  return links.children[0];
}
