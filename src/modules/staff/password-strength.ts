// A real strength estimate instead of a length rule: ten spaces or "aaaaaaaaaa" are long
// and worthless. zxcvbn-ts with its common and English dictionaries, our Russian list and
// the ЙЦУКЕН keyboard; the user's own email and school count as guessable words too.
import { createRequire } from 'node:module';
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../lib/app-error.js';
import { jcukenGraph, RUSSIAN_DICTIONARY } from './russian-passwords.js';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;
/** zxcvbn's 0–4 scale: 3 is "safely unguessable: moderate protection from offline attacks". */
export const MIN_PASSWORD_SCORE = 3;

/** Why a password is refused; each has a text in staff:password.reason. */
export const PASSWORD_REASONS = [
  'tooShort', 'tooLong', 'tooWeak', 'straightRow', 'keyPattern', 'simpleRepeat', 'extendedRepeat', 'sequences', 'recentYears',
  'dates', 'topTen', 'topHundred', 'common', 'similarToCommon', 'wordByItself', 'namesByThemselves', 'commonNames', 'userInputs', 'pwned',
] as const;
export type PasswordReason = (typeof PASSWORD_REASONS)[number];

let estimator: ZxcvbnFactory | undefined;
// The dictionaries cost ~30 MB: loaded when a password is first checked, not when the
// service starts; through require (their CommonJS builds) so checking stays synchronous.
const load = createRequire(import.meta.url);
function getEstimator(): ZxcvbnFactory {
  if (estimator) return estimator;
  const { ZxcvbnFactory: Factory } = load('@zxcvbn-ts/core') as typeof import('@zxcvbn-ts/core');
  const common = load('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
  const english = load('@zxcvbn-ts/language-en') as typeof import('@zxcvbn-ts/language-en');
  estimator = new Factory({
    dictionary: { ...common.dictionary, ...english.dictionary, ...RUSSIAN_DICTIONARY },
    graphs: { ...common.adjacencyGraphs, jcuken: jcukenGraph(common.adjacencyGraphs.qwerty as Record<string, Array<string | null>>) },
  });
  return estimator;
}

/** The reason a password is too weak, or null when it is strong enough. */
export function passwordWeakness(password: string, userInputs: string[] = []): PasswordReason | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'tooShort';
  if (password.length > MAX_PASSWORD_LENGTH) return 'tooLong';
  const words = userInputs.flatMap((input) => input.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter((w) => w.length >= 3);
  const result = getEstimator().check(password, [...userInputs, ...words]);
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const warning = result.feedback.warning as PasswordReason | null;
  return warning && (PASSWORD_REASONS as readonly string[]).includes(warning) ? warning : 'tooWeak';
}

/** Throws INVALID_INPUT naming the reason (details.reason) for a weak password. */
export function assertStrongPassword(password: string, userInputs: string[] = []): void {
  const reason = passwordWeakness(password, userInputs);
  if (reason) throw new AppError('INVALID_INPUT', `the password is too weak (${reason}); choose a longer one that is not a common word or pattern`, { field: 'password', reason, min: MIN_PASSWORD_LENGTH });
}

/** What a password must not be built from: the account's email, name and school. */
export async function personalWords(prisma: PrismaClient, userId: string): Promise<string[]> {
  const user = await prisma.staffUser.findUnique({ where: { id: userId }, select: { email: true, fullName: true, school: { select: { name: true } } } });
  return user ? [user.email, user.fullName ?? '', user.school.name].filter(Boolean) : [];
}
