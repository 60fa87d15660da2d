import { generateKeyPairSync } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from './env.js';

export interface VapidKeys {
  /** The uncompressed P-256 point in base64url: what browsers take as applicationServerKey. */
  publicKey: string;
  privateKey: string;
  subject: string;
}

const FILE = 'vapid-keys.json';

function parseStored(text: string): Pick<VapidKeys, 'publicKey' | 'privateKey'> | undefined {
  try {
    const stored = JSON.parse(text) as { publicKey?: unknown; privateKey?: unknown };
    if (typeof stored.publicKey !== 'string' || typeof stored.privateKey !== 'string') return undefined;
    return { publicKey: stored.publicKey, privateKey: stored.privateKey };
  } catch {
    return undefined;
  }
}

/** A new pair in web-push's format; through JWK, so the private key always has its full 32 bytes. */
export function generateVapidPair(): Pick<VapidKeys, 'publicKey' | 'privateKey'> {
  const jwk = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  const point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x!, 'base64url'), Buffer.from(jwk.y!, 'base64url')]);
  return { publicKey: point.toString('base64url'), privateKey: jwk.d! };
}

/**
 * The key pair that signs web pushes. Every browser subscription is bound to the public
 * key it was made with, so a pair generated on first start is kept in the data folder
 * (mode 0600) and reused: a new pair would silently orphan every family's subscription.
 * VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY, checked as a pair by the schema, take precedence.
 */
export async function resolveVapidKeys(config: Config): Promise<VapidKeys> {
  const { publicKey, privateKey, subject } = config.webPush;
  if (publicKey && privateKey) return { publicKey, privateKey, subject };
  const file = path.join(config.dataDir, FILE);
  try {
    const stored = parseStored(await readFile(file, 'utf8'));
    if (stored) return { ...stored, subject };
    // A damaged file is not replaced: the operator must decide, since replacing it ends every subscription.
    throw new Error(`${file} holds no VAPID key pair; restore it or remove it to generate a new pair`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(config.dataDir, { recursive: true });
  const generated = generateVapidPair();
  try {
    // 'wx' so two processes starting together cannot overwrite each other's pair.
    await writeFile(file, `${JSON.stringify(generated)}\n`, { mode: 0o600, flag: 'wx' });
    return { ...generated, subject };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const stored = parseStored(await readFile(file, 'utf8'));
    if (!stored) throw new Error(`${file} holds no VAPID key pair`, { cause: error });
    return { ...stored, subject };
  }
}
