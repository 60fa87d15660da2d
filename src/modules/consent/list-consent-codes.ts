import type { Prisma, PrismaClient } from '../../db/prisma.js';
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
  /** A code for the student's own account, not a guardian's consent form. */
  forStudent: boolean;
  /** The guardian named on the recorded form, while their data is kept. */
  guardianName: string | null;
}

function guardianChannels(guardian: { status: string; preferredChat: string | null; channels: ChannelRow[] } | null): ChannelState[] {
  // A withdrawn guardian's contacts are erased: nothing of theirs is shown.
  if (!guardian || guardian.status !== 'active') return [];
  return guardian.channels.map((c) => channelState(c, guardian.preferredChat));
}

/** What a listing reads of a code row, for every query that lists codes. */
export const CODE_LISTING_INCLUDE = {
  student: { include: { class: true } },
  consentRecord: { select: { decision: true, contactName: true, guardian: { select: { status: true, fullName: true, preferredChat: true, channels: { orderBy: { type: 'asc' } } } } } },
} satisfies Prisma.ConsentCodeInclude;

type ListedRow = Prisma.ConsentCodeGetPayload<{ include: typeof CODE_LISTING_INCLUDE }>;

export function toCodeListing(row: ListedRow, now: Date): ConsentCodeListing {
  const guardian = row.consentRecord?.guardian ?? null;
  return {
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
    channels: guardianChannels(guardian),
    forStudent: row.forStudent,
    // A withdrawn guardian's name is erased; the form's contact name goes with it.
    guardianName: guardian && guardian.status !== 'active' ? null : (guardian?.fullName ?? row.consentRecord?.contactName ?? null),
  };
}

export async function listConsentCodes(prisma: PrismaClient, input: ListConsentCodesInput): Promise<ConsentCodeListing[]> {
  const now = input.now ?? new Date();
  const school = await findSchool(prisma, input.schoolId);
  const schoolClass = input.classExternalId ? await findSchoolClass(prisma, school.id, input.classExternalId) : undefined;
  const rows = await prisma.consentCode.findMany({
    where: { schoolId: school.id, ...(schoolClass ? { student: { classId: schoolClass.id } } : {}) },
    include: CODE_LISTING_INCLUDE,
    orderBy: [{ student: { class: { name: 'asc' } } }, { student: { fullName: 'asc' } }, { issuedAt: 'asc' }],
  });
  return rows.map((row) => toCodeListing(row, now));
}
