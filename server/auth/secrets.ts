import { createHash, randomBytes } from 'node:crypto';

/** Tokens and invite codes are stored only as this hash; the plain value is shown once. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** A device's bearer token: 256 random bits. */
export function newToken(): string {
  return `tdm_${randomBytes(32).toString('base64url')}`;
}

const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';

/** An invite code a person can type: 16 characters (~78 bits) in groups of four. */
export function newInviteCode(): string {
  const bytes = randomBytes(16);
  const chars = [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
  return chars.match(/.{4}/g)!.join('-');
}

/** Codes are matched case-insensitively and without the dashes or spaces people add. */
export function normaliseInviteCode(code: string): string {
  const plain = code.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return plain.match(/.{1,4}/g)?.join('-') ?? '';
}
