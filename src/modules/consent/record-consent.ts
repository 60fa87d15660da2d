import { AppError } from '../../lib/app-error.js';
import type { PrismaClient } from '../../db/prisma.js';
import { auditConsentAction } from './audit-consent-action.js';
import { findCodeByPlain } from './find-code.js';
import { findSchool } from './find-school.js';
import { CLI_ACTOR, effectiveStatus, type Actor } from './types.js';
import { cleanEmail, cleanName, cleanPhone, parseDocumentDate } from './validate-contacts.js';

export const CONSENT_DECISIONS = ['signed', 'refused'] as const;
export const CONSENT_CHANNELS = ['max', 'telegram', 'email', 'paper'] as const;
export type ConsentDecisionInput = (typeof CONSENT_DECISIONS)[number];
export type ConsentChannelInput = (typeof CONSENT_CHANNELS)[number];

export interface RecordConsentInput {
  schoolId: string;
  code: string;
  decision: string;
  guardianName?: string;
  email?: string;
  phone?: string;
  channel?: string;
  /** 'YYYY-MM-DD', the date on the signed document. */
  documentDate?: string;
  actor?: Actor;
  now?: Date;
}

export interface RecordedConsent {
  consentRecordId: string;
  guardianId: string;
  studentId: string;
  codeId: string;
  decision: ConsentDecisionInput;
  codeStatus: 'active' | 'redeemed' | 'revoked';
  /** Set when the form gives an email that still has to be confirmed through a link. */
  emailToVerify: string | null;
}

function pick<T extends string>(value: string | undefined, choices: readonly T[], option: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(choices as readonly string[]).includes(value)) {
    throw new AppError('INVALID_INPUT', `${option} must be one of ${choices.join(', ')}, got "${value}"`, { field: option });
  }
  return value as T;
}

/**
 * Registers a signed consent or a refusal from the paper form of one code. The guardian is
 * the one already tied to the code (by an earlier form or a redemption), else a new one, so
 * a family that later redeems the code in Telegram stays one guardian.
 */
export async function recordConsent(prisma: PrismaClient, secret: string, input: RecordConsentInput): Promise<RecordedConsent> {
  const now = input.now ?? new Date();
  const actor = input.actor ?? CLI_ACTOR;
  const decision = pick(input.decision, CONSENT_DECISIONS, '--decision') as ConsentDecisionInput;
  if (!decision) throw new AppError('INVALID_INPUT', '--decision is required (signed or refused)', { field: '--decision' });
  const channel = pick(input.channel, CONSENT_CHANNELS, '--channel');
  const name = cleanName(input.guardianName);
  const email = cleanEmail(input.email);
  const phone = cleanPhone(input.phone);
  const documentDate = parseDocumentDate(input.documentDate, now);
  if (channel === 'email' && !email) throw new AppError('INVALID_INPUT', '--channel email needs --email', { field: '--email' });
  if (decision === 'refused' && channel && channel !== 'paper') {
    throw new AppError('INVALID_INPUT', 'a family that refused is served on paper: --channel must be paper or left out', { field: '--channel' });
  }

  return prisma.$transaction(async (tx) => {
    const school = await findSchool(tx, input.schoolId);
    const found = await findCodeByPlain(tx, secret, input.code, school.id);
    // Locked so a redemption in the bot and this form cannot interleave.
    await tx.$queryRaw`SELECT id FROM consent_codes WHERE id = ${found.id}::uuid FOR UPDATE`;
    const code = await tx.consentCode.findUniqueOrThrow({ where: { id: found.id }, include: { consentRecord: true } });
    const status = effectiveStatus(code, now);
    const existing = code.consentRecord;
    if (existing?.decision === 'refused') throw new AppError('CONFLICT', 'a refusal is already recorded for this code', { status });
    if (status === 'revoked' || status === 'expired') {
      throw new AppError('CONFLICT', `this code is ${status}: issue a new one (vestnik codes issue) and record the form for it`, { status });
    }
    if (decision === 'refused' && (status === 'redeemed' || (existing && existing.documentRef !== 'bulk'))) {
      throw new AppError('CONFLICT', 'a signed consent is already recorded for this code: to end it use vestnik consent withdraw', { status });
    }

    let guardianId = code.guardianId ?? code.redeemedByGuardianId ?? existing?.guardianId ?? null;
    if (guardianId) {
      await tx.guardian.update({ where: { id: guardianId }, data: { ...(name ? { fullName: name } : {}), ...(phone ? { phone } : {}) } });
    } else {
      const guardian = await tx.guardian.create({ data: { schoolId: school.id, fullName: name, phone, locale: school.defaultLocale } });
      guardianId = guardian.id;
    }
    await tx.guardianStudent.upsert({
      where: { guardianId_studentId: { guardianId, studentId: code.studentId } },
      create: { guardianId, studentId: code.studentId },
      update: {},
    });
    if (decision === 'refused' || channel === 'paper') {
      const paper = await tx.channel.findFirst({ where: { guardianId, type: 'paper' } });
      if (!paper) await tx.channel.create({ data: { guardianId, type: 'paper', verified: true } });
    }

    const recordData = {
      guardianId,
      decision,
      documentDate,
      documentRef: null,
      contactName: name ?? existing?.contactName ?? null,
      contactEmail: email ?? existing?.contactEmail ?? null,
      contactPhone: phone ?? existing?.contactPhone ?? null,
      preferredChannel: decision === 'refused' ? ('paper' as const) : (channel ?? existing?.preferredChannel ?? null),
      recordedAt: now,
      recordedBy: actor.id ?? actor.type,
    };
    const record = existing
      ? await tx.consentRecord.update({ where: { schoolId_id: { schoolId: school.id, id: existing.id } }, data: recordData })
      : await tx.consentRecord.create({ data: { ...recordData, schoolId: school.id, studentId: code.studentId, codeId: code.id } });

    const activating = decision === 'signed' && status === 'issued';
    const codeStatus = decision === 'refused' ? 'revoked' : status === 'redeemed' ? 'redeemed' : 'active';
    await tx.consentCode.update({
      where: { id: code.id },
      data: {
        guardianId,
        status: codeStatus,
        ...(activating ? { activatedAt: now } : {}),
        // A refusal means the code can never be redeemed.
        ...(decision === 'refused' ? { revokedAt: now } : {}),
      },
    });

    const target = { schoolId: school.id, actor, targetType: 'consent_code', targetId: code.id };
    await auditConsentAction(tx, [
      { ...target, action: decision === 'signed' ? 'consent.record' : 'consent.refuse', details: { guardianId, consentRecordId: record.id } },
      ...(activating ? [{ ...target, action: 'consent.code.activate' as const }] : []),
      ...(decision === 'refused' ? [{ ...target, action: 'consent.code.revoke' as const, details: { reason: 'refused' } }] : []),
    ]);

    let emailToVerify: string | null = null;
    if (decision === 'signed' && email) {
      const verified = await tx.channel.findFirst({ where: { guardianId, type: 'email', address: email, verified: true } });
      if (!verified) emailToVerify = email;
    }
    return { consentRecordId: record.id, guardianId, studentId: code.studentId, codeId: code.id, decision, codeStatus, emailToVerify };
  });
}
