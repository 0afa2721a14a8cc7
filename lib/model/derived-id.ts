import { sha256 } from '@noble/hashes/sha2.js';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * An id derived from what the row is about, for rows every device must name alike without
 * anyone supplying the id (nobody can then name another row with it). ULID-shaped (the first 128
 * bits of a SHA-256 of `seed`, in Crockford base 32) like every id.
 */
export function derivedId(seed: string): string {
  const digest = sha256(new TextEncoder().encode(seed));
  // 128 bits with two zero bits in front: 26 characters, the first 0-7 as in any ULID.
  let bits = 0n;
  for (const byte of digest.subarray(0, 16)) bits = (bits << 8n) | BigInt(byte);
  let id = '';
  for (let i = 0; i < 26; i++) {
    id = CROCKFORD[Number(bits & 31n)]! + id;
    bits >>= 5n;
  }
  return id;
}
