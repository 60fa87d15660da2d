import { endGuardianSessions } from '../family-web/family-sessions.js';
import { AppError } from '../../lib/app-error.js';
import type { PrismaClient } from '../../db/prisma.js';
import { endStudentAccountsWithoutConsent } from '../students/end-student-accounts-without-consent.js';
import { auditConsentAction } from './audit-consent-action.js';
import { assertUuid, findSchool } from './find-school.js';
import { CLI_ACTOR, type Actor, type Db } from './types.js';

export interface WithdrawConsentInput {
  schoolId: string;
  guardianId: string;
  actor?: Actor;
  now?: Date;
}

export interface WithdrawnConsent {
  guardianId: string;
  withdrawnAt: Date;
  alreadyWithdrawn: boolean;
  cancelledMessages: number;
  /**
   * Where the guardian was reachable, returned once so the caller can say goodbye;
   * the database no longer has these.
   */
  formerAddresses: { telegram: string[]; email: string[]; locale: string | null };
}

/**
 * Ends a guardian's consent (152-ФЗ): from this transaction on nothing is sent to them,
 * their contact data is erased and their links to children removed. Only the fact that
 * consent existed and when it was withdrawn remains.
 */
export async function withdrawConsent(prisma: PrismaClient, input: WithdrawConsentInput): Promise<WithdrawnConsent> {
  const now = input.now ?? new Date();
  const actor = input.actor ?? CLI_ACTOR;
  return prisma.$transaction(async (tx) => {
    const school = await findSchool(tx, input.schoolId);
    const guardianId = assertUuid(input.guardianId, 'guardian');
    // Locked so a dispatcher or a redemption cannot slip in between the reads and the erasure.
    await tx.$queryRaw`SELECT id FROM guardians WHERE id = ${guardianId}::uuid FOR UPDATE`;
    const guardian = await tx.guardian.findFirst({ where: { id: guardianId, schoolId: school.id }, include: { channels: true, consentRecords: true } });
    if (!guardian) throw new AppError('NOT_FOUND', `unknown guardian "${input.guardianId}" in this school`, { field: 'guardian' });
    if (guardian.status === 'withdrawn') {
      return {
        guardianId,
        withdrawnAt: guardian.withdrawnAt ?? now,
        alreadyWithdrawn: true,
        cancelledMessages: 0,
        formerAddresses: { telegram: [], email: [], locale: null },
      };
    }
    const addresses = (type: string) => guardian.channels.filter((c) => c.type === type && c.address).map((c) => c.address as string);
    const formerAddresses = { telegram: addresses('telegram'), email: addresses('email'), locale: guardian.locale };

    // Messages already claimed by a dispatcher are cancelled too; a dispatcher re-reads status before sending.
    const cancelled = await tx.outboxMessage.updateMany({
      where: { guardianId, status: { in: ['queued', 'sending'] } },
      data: { status: 'cancelled', error: 'consent withdrawn' },
    });
    await eraseFromOutbox(tx, school.id, guardianId, [
      guardian.fullName,
      guardian.phone,
      ...guardian.channels.map((c) => c.address),
      ...guardian.consentRecords.flatMap((r) => [r.contactName, r.contactEmail, r.contactPhone]),
    ]);
    await tx.channel.deleteMany({ where: { guardianId } });
    // A browser's push endpoint and keys are the family's data too, like a chat id.
    await tx.pushSubscription.deleteMany({ where: { guardianId } });
    // Signed in on the web page anywhere: signed out everywhere.
    await endGuardianSessions(tx, [guardianId]);
    const children = await tx.guardianStudent.findMany({ where: { guardianId }, select: { studentId: true } });
    await tx.guardianStudent.deleteMany({ where: { guardianId } });
    await tx.notificationPreference.deleteMany({ where: { guardianId } });
    await tx.consentRecord.updateMany({
      where: { guardianId },
      data: { contactName: null, contactEmail: null, contactPhone: null, withdrawnAt: now },
    });
    // An unredeemed code of this guardian must not bring them back.
    const codes = await tx.consentCode.updateMany({
      where: { OR: [{ guardianId }, { redeemedByGuardianId: guardianId }], status: { in: ['issued', 'active'] } },
      data: { status: 'revoked', revokedAt: now },
    });
    await tx.guardian.update({
      where: { id: guardianId },
      data: { fullName: null, phone: null, locale: null, selectedStudentId: null, status: 'withdrawn', withdrawnAt: now },
    });
    // A child's own access stood on this consent, unless another guardian's still carries it.
    const studentIds = [...new Set([...children.map((c) => c.studentId), ...guardian.consentRecords.map((r) => r.studentId)])];
    const studentAccounts = await endStudentAccountsWithoutConsent(tx, studentIds);
    await auditConsentAction(tx, {
      schoolId: school.id,
      actor,
      action: 'consent.withdraw',
      targetType: 'guardian',
      targetId: guardianId,
      details: { cancelledMessages: cancelled.count, revokedCodes: codes.count, channels: guardian.channels.length, studentAccounts },
    });
    return { guardianId, withdrawnAt: now, alreadyWithdrawn: false, cancelledMessages: cancelled.count, formerAddresses };
  });
}

/**
 * Sent and failed messages stay for delivery reports, but their text must not: a class
 * teacher's summary names the parent, and a provider's error may quote the address.
 * Whole JSON string values equal to a contact become "—" (the summary's mark for an
 * unknown name); error texts lose the contact wherever it appears.
 */
async function eraseFromOutbox(tx: Db, schoolId: string, guardianId: string, contacts: Array<string | null>): Promise<void> {
  const needles = [...new Set(contacts.filter((c): c is string => !!c && c.trim() !== ''))];
  for (const needle of needles) {
    await tx.$executeRaw`
      UPDATE outbox_messages
         SET payload = replace(payload::text, to_jsonb(${needle}::text)::text, '"—"')::jsonb,
             error = replace(error, ${needle}, '—')
       WHERE "schoolId" = ${schoolId}::uuid AND ("guardianId" = ${guardianId}::uuid OR "guardianId" IS NULL)
         AND (position(to_jsonb(${needle}::text)::text in payload::text) > 0 OR position(${needle} in coalesce(error, '')) > 0)`;
  }
}
