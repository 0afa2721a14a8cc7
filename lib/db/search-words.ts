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

/** Note text matches from a word's third letter: one or two letters would read most notes. */
export const NOTE_PREFIX_MIN = 3;

/**
 * What a note is found by: its words of at least `NOTE_PREFIX_MIN` letters. A shorter stored word
 * never matches ("to", "at", "of": no typed word that reads notes is a prefix of them), and each
 * is an index entry written on every device that pulls the note.
 */
export function noteSearchWords(body: string): string[] {
  return searchWordsOf(body).filter((word) => word.length >= NOTE_PREFIX_MIN);
}
