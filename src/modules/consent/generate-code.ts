import { randomBytes } from 'node:crypto';
import { CODE_ALPHABET, CODE_LENGTH, formatCode } from './code-format.js';

/**
 * A new code from the operating system's CSPRNG, formatted in groups. The alphabet has
 * exactly 32 symbols, so taking 5 bits of each random byte is unbiased.
 */
export function generateCode(): string {
  const bytes = randomBytes(CODE_LENGTH);
  let code = '';
  for (const byte of bytes) code += CODE_ALPHABET[byte & 31];
  return formatCode(code);
}
