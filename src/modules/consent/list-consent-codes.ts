import type { PrismaClient } from '../../db/prisma.js';
import { findSchool, findSchoolClass } from './find-school.js';
import { channelState, type ChannelRow, type ChannelState } from '../reports/channel-state.js';
import { effectiveStatus, type EffectiveCodeStatus } from './types.js';

export interface ListConsentCodesInput {
  schoolId: string;
  classExternalId?: string;
  now?: Date;
}

/** A code's state and dates; never the code itself, which is not stored. */
export interface ConsentCodeListing {
  id: string;
  studentExternalId: string;
  studentName: string;
  classExternalId: string;
  className: string;
  status: EffectiveCodeStatus;
  decision: 'signed' | 'refused' | null;
  issuedAt: Date;
  expiresAt: Date;
  activatedAt: Date | null;
  redeemedAt: Date | null;
  revokedAt: Date | null;
  /** The channels of the guardian the code was recorded for, and whether each works. */
  channels: ChannelState[];
}

function guardianChannels(guardian: { status: string; preferredChat: string | null; channels: ChannelRow[] } | null): ChannelState[] {
  // A withdrawn guardian's contacts are erased: nothing of theirs is shown.
  if (!guardian || guardian.status !== 'active') return [];
  return guardian.channels.map((c) => channelState(c, guardian.preferredChat));
}

export async function listConsentCodes(prisma: PrismaClient, input: ListConsentCodesInput): Promise<ConsentCodeListing[]> {
  const now = input.now ?? new Date();
  const school = await findSchool(prisma, input.schoolId);
  const schoolClass = input.classExternalId ? await findSchoolClass(prisma, school.id, input.classExternalId) : undefined;
  const rows = await prisma.consentCode.findMany({
    where: { schoolId: school.id, ...(schoolClass ? { student: { classId: schoolClass.id } } : {}) },
    include: { student: { include: { class: true } }, consentRecord: { select: { decision: true, guardian: { select: { status: true, preferredChat: true, channels: { orderBy: { type: 'asc' } } } } } } },
    orderBy: [{ student: { class: { name: 'asc' } } }, { student: { fullName: 'asc' } }, { issuedAt: 'asc' }],
  });
  return rows.map((row) => ({
    id: row.id,
    studentExternalId: row.student.externalId,
    studentName: row.student.fullName,
    classExternalId: row.student.class.externalId,
    className: row.student.class.name,
    status: effectiveStatus(row, now),
    decision: row.consentRecord?.decision ?? null,
    issuedAt: row.issuedAt,
    expiresAt: row.expiresAt,
    activatedAt: row.activatedAt,
    redeemedAt: row.redeemedAt,
    revokedAt: row.revokedAt,
    channels: guardianChannels(row.consentRecord?.guardian ?? null),
  }));
}
