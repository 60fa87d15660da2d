import type { PrismaClient } from '../../db/prisma.js';

/**
 * A parent ends one of their child's accounts. Only an account of one of these guardians'
 * children can be ended; anything else is reported as not found, as a forged button would be.
 */
export async function endStudentAccount(prisma: PrismaClient, input: { guardianIds: readonly string[]; accountId: string }): Promise<boolean> {
  if (input.guardianIds.length === 0 || !/^[0-9a-f-]{36}$/i.test(input.accountId)) return false;
  return prisma.$transaction(async (tx) => {
    const account = await tx.studentAccount.findFirst({
      where: { id: input.accountId, student: { guardians: { some: { guardianId: { in: [...input.guardianIds] } } } } },
    });
    if (!account) return false;
    await tx.studentAccount.delete({ where: { id: account.id } });
    // A web account is its session: ending the account signs that browser out.
    if (account.channel === 'web') await tx.familySession.deleteMany({ where: { id: account.address } });
    return true;
  });
}
