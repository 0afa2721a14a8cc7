import { nameTokens } from '@/lib/identity';

/**
 * The words a person and a note are found by on the dashboard's People search, tokenised as
 * lib/identity tokenises names (lower case, accents and punctuation dropped), so "Núñez" is
 * found by "nunez" and a typed word matches the start of a stored one. Kept in multi-entry
 * Dexie indexes: the index persists, so opening the dashboard builds nothing, and a keystroke
 * reads only the index range of each typed word.
 */

/** A word index holds distinct words no longer than this: a longer typed word matches on its start. */
export const MAX_WORD_LENGTH = 40;

export function searchWordsOf(text: string): string[] {
  return [...new Set(nameTokens(text).map((w) => w.slice(0, MAX_WORD_LENGTH)))];
}

/** What a person is found by: name, headline, company and location. */
export function personSearchWords(p: { name: string; headline: string | null; company: string | null; location: string | null }): string[] {
  return searchWordsOf([p.name, p.headline, p.company, p.location].filter((s) => s !== null).join(' '));
}
