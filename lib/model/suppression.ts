import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { z } from 'zod';
import { SyncedFields, Timestamp } from './common';
import { derivedId } from './derived-id';

/** A keyed hash of one identifier: HMAC-SHA256 in hex. */
export const SuppressionHash = z.string().regex(/^[0-9a-f]{64}$/, 'must be an HMAC-SHA256 in hex');

/** Enough for a person merged from several records (each holds at most 50 profiles and 50 emails). */
export const MAX_SUPPRESSION_HASHES = 400;

/**
 * "Asked to be forgotten": the keyed hashes of an erased person's profile keys and emails, and
 * the date, nothing else. The secret is the team's, so the list cannot be matched against
 * anything without it; lifting the entry (admins) empties it.
 */
export const Suppression = z.object({
  ...SyncedFields,
  hashes: z.array(SuppressionHash).max(MAX_SUPPRESSION_HASHES),
  at: Timestamp,
});
export type Suppression = z.infer<typeof Suppression>;

/** What is hashed: a profile key and an email are told apart, so neither can stand for the other. */
export function suppressionIdentifiers(person: { profiles?: readonly { key: string }[]; key?: string; sameAs?: readonly { key: string }[]; emails?: readonly string[] | null }): string[] {
  const keys = [...(person.key ? [person.key] : []), ...(person.profiles ?? []).map((p) => p.key), ...(person.sameAs ?? []).map((p) => p.key)];
  const emails = (person.emails ?? []).map((e) => e.trim().toLowerCase());
  return [...new Set([...keys.map((k) => `key:${k}`), ...emails.map((e) => `email:${e}`)])];
}

/** The keyed hash of one identifier under the team's secret (synchronous: the sidebar's identity path). */
export function suppressionHash(secret: string, identifier: string): string {
  return bytesToHex(hmac(sha256, new TextEncoder().encode(secret), new TextEncoder().encode(identifier)));
}

/** The entry an erasure of a person writes: one per person, whoever erases them, on any device. */
export const erasureSuppressionId = (prospectId: string) => derivedId(`suppression:erased:${prospectId}`);
/** The entry a do-not-contact mark writes when the team keeps those in the suppression list. */
export const doNotContactSuppressionId = (prospectId: string) => derivedId(`suppression:dnc:${prospectId}`);

