import { keyedHash, randomToken } from '../../lib/keyed-hash.js';
import type { PrismaClient, Prisma } from '../../db/prisma.js';

export const API_KEY_PREFIX = 'vsk_';

export function hashApiKey(secret: string, key: string): string {
  return keyedHash(secret, key, 'api-key');
}

/** Creates a school API key; the plain key is returned once and only its hash is kept. */
export async function issueApiKey(
  db: PrismaClient | Prisma.TransactionClient,
  secret: string,
  schoolId: string,
  name?: string,
): Promise<{ id: string; key: string }> {
  const key = `${API_KEY_PREFIX}${randomToken(30)}`;
  const row = await db.apiKey.create({
    data: { schoolId, keyHash: hashApiKey(secret, key), prefix: key.slice(0, 10), name: name ?? null },
  });
  return { id: row.id, key };
}
