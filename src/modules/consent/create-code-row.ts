import { generateCode } from './generate-code.js';
import { hashCode, normaliseCode } from './normalise-code.js';
import type { Actor, Db } from './types.js';

export interface NewCodeRow {
  schoolId: string;
  studentId: string;
  /** Active at once (consent already on record, or a student code); else issued, waiting for the signed form. */
  active: boolean;
  forStudent: boolean;
  now: Date;
  expiresAt: Date;
  actor: Actor;
}

/** A fresh code for a student: only its hash is stored, the code itself is returned once, to be printed. */
export async function createCodeRow(tx: Db, secret: string, input: NewCodeRow): Promise<{ code: string; id: string }> {
  const code = generateCode();
  const row = await tx.consentCode.create({
    data: {
      schoolId: input.schoolId,
      studentId: input.studentId,
      codeHash: hashCode(secret, normaliseCode(code) as string),
      status: input.active ? 'active' : 'issued',
      issuedAt: input.now,
      expiresAt: input.expiresAt,
      activatedAt: input.active ? input.now : null,
      issuedBy: input.actor.id ?? input.actor.type,
      forStudent: input.forStudent,
    },
    select: { id: true },
  });
  return { code, id: row.id };
}
