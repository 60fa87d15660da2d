import type { Database } from '../../../src/db/open-database.js';
import { insertOutbox } from '../../../src/modules/notifications/insert-outbox.js';
import type { EventMessagePayload, OutboxPayload } from '../../../src/modules/notifications/types.js';

export function finalMarkPayload(cause: string, studentName = 'Иванов Пётр'): EventMessagePayload {
  return {
    cause,
    lang: 'ru',
    studentName,
    eventType: 'final_mark_published',
    data: {
      finalMarkId: '00000000-0000-4000-8000-000000000001',
      subjectId: '00000000-0000-4000-8000-000000000002',
      subjectName: 'Математика <алгебра>',
      periodId: '00000000-0000-4000-8000-000000000003',
      periodName: '2 четверть',
      value: '5',
      deferredUntil: null,
      reason: null,
    },
    occurredAt: new Date().toISOString(),
  };
}

/** Queues one message for a guardian's channel, as the planner would. */
export async function enqueue(
  db: Pick<Database, 'pool' | 'prisma'>,
  guardianId: string,
  channelType: 'telegram' | 'max' | 'email' | 'paper',
  payload: OutboxPayload,
  kind = 'final_mark',
): Promise<string> {
  const channel = await db.prisma.channel.findFirst({ where: { guardianId, type: channelType } });
  const guardian = await db.prisma.guardian.findUniqueOrThrow({ where: { id: guardianId } });
  await insertOutbox(db.pool, [
    {
      schoolId: guardian.schoolId,
      guardianId,
      channelId: channel?.id ?? null,
      channelType,
      kind,
      critical: kind === 'final_mark',
      payload,
      nextAttemptAt: new Date(Date.now() - 1000),
      deadlineAt: kind === 'final_mark' ? new Date(Date.now() + 86_400_000) : null,
      eventIds: [],
    },
  ]);
  const row = await db.prisma.outboxMessage.findFirstOrThrow({ where: { guardianId, channelType, payload: { path: ['cause'], equals: payload.cause } } });
  return row.id;
}
