// The shape of a written-consent code. Crockford's base32 alphabet leaves out I, L, O and U,
// so a code copied from paper cannot be misread; typed look-alikes are mapped back
// (O → 0, I/L → 1) when normalising. 14 symbols × 5 bits = 70 bits from a CSPRNG.
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 14;
export const CODE_GROUP = 4;
export const CODE_ENTROPY_BITS = CODE_LENGTH * Math.log2(CODE_ALPHABET.length);
/** The normalised form: what is hashed and what travels in callback data. */
export const NORMALISED_CODE_PATTERN = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`);
/** Purpose tag of the keyed hash, so a code hash can never match another secret's hash. */
export const CODE_HASH_PURPOSE = 'consent-code';

/** Writes a normalised code in dash-separated groups: K7QM-4XRT-9PZB-2W. */
export function formatCode(normalised: string): string {
  return normalised.match(new RegExp(`.{1,${CODE_GROUP}}`, 'g'))?.join('-') ?? normalised;
}
