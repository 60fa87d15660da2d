import type { Prisma, PrismaClient } from '../../db/prisma.js';
import type { Logger } from '../../lib/logger.js';

export type Db = PrismaClient | Prisma.TransactionClient;

/** Who did it, as written to the audit log: `cli`, `admin`, `guardian`, `system`… */
export interface Actor {
  type: 'cli' | 'admin' | 'teacher' | 'guardian' | 'api' | 'system';
  id?: string | null;
}

export const CLI_ACTOR: Actor = { type: 'cli' };

/** What the code's state means to the person holding it; `expired` is derived from expiresAt. */
export type EffectiveCodeStatus = 'issued' | 'active' | 'redeemed' | 'revoked' | 'expired';

export function effectiveStatus(code: { status: string; expiresAt: Date }, now: Date): EffectiveCodeStatus {
  if ((code.status === 'issued' || code.status === 'active') && code.expiresAt.getTime() <= now.getTime()) return 'expired';
  return code.status as EffectiveCodeStatus;
}

/** What the parent-facing consent functions need (the bot passes its own). */
export interface ConsentDeps {
  prisma: PrismaClient;
  secret: string;
  logger: Logger;
}
