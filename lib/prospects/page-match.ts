import { z } from 'zod';
import { type TandemDB, type ProspectRow, fromProspectRow, nameWordsOfRow } from '@/lib/db/database';
import { LOCAL_KEYS, readMe, readValidated } from '@/lib/db/local-state';
import { type MatchResult, lookupsFor, matchIdentity, nameTokens } from '@/lib/identity';
import { Id, type Prospect, type ProspectIdentity } from '@/lib/model';

/** A common name may be many people; matching needs only those the page could be. */
const MAX_NAME_CANDIDATES = 200;

/**
 * Which of the team's people the page shows (lib/identity decides): the same questions as the
 * in-memory index, asked of this device's indexes (profile keys, emails, the whole name), so
 * nothing reads every person. Only the team this device works in: another team's people, kept
 * on the device after switching, are nobody here.
 */
export async function matchPage(db: TandemDB, identity: ProspectIdentity): Promise<MatchResult> {
  const lookups = lookupsFor(identity);
  const [me, byKey, byEmail, byName] = await Promise.all([
    readMe(db),
    db.prospects.where('profileKeys').anyOf(lookups.keys).toArray(),
    lookups.emails.length ? db.prospects.where('emails').anyOf(lookups.emails).toArray() : [],
    lookups.nameKey !== null ? db.prospects.where('nameKey').equals(lookups.nameKey).limit(MAX_NAME_CANDIDATES).toArray() : [],
  ]);
  const candidates = [...byKey, ...byEmail, ...byName].filter((r) => r.deletedAt === null && (!me || r.teamId === me.teamId)).map(fromProspectRow);
  return matchIdentity(identity, candidates);
}

const NotSamePerson = z.record(z.string(), z.array(Id));

/** The people this device was told the page's person is not ("No" to "Same person as …?"). */
export async function notSamePerson(db: TandemDB, profileKey: string): Promise<string[]> {
  return (await readValidated(db, LOCAL_KEYS.notSamePerson, NotSamePerson))?.[profileKey] ?? [];
}

/** Remembers a "No" on this device only: a teammate may know better, and it is no record of the team's. */
export async function dismissSuggestion(db: TandemDB, profileKey: string, personId: string): Promise<void> {
  await db.transaction('rw', db.local, async () => {
    const all = (await readValidated(db, LOCAL_KEYS.notSamePerson, NotSamePerson)) ?? {};
    all[profileKey] = [...new Set([...(all[profileKey] ?? []), personId])];
    await db.local.put({ key: LOCAL_KEYS.notSamePerson, value: all });
  });
}

export const SEARCH_LIMIT = 8;

/**
 * The team's people whose name has a word starting with each word typed ("ada lov" finds Ada
 * Lovelace, "love" finds her too), by Dexie's index of name words: a prefix query reads only
 * matching entries, so it stays instant over 100,000 people without loading them (a search
 * library would first need every name in memory, in every sidebar).
 */
export async function searchPeople(db: TandemDB, text: string): Promise<Prospect[]> {
  const words = nameTokens(text);
  if (words.length === 0) return [];
  const [first, ...rest] = [...words].sort((a, b) => b.length - a.length);
  const me = await readMe(db);
  const rows: ProspectRow[] = await db.prospects
    .where('nameWords')
    .startsWith(first!)
    .distinct()
    .filter((r) => r.deletedAt === null && (!me || r.teamId === me.teamId) && rest.every((w) => nameWordsOfRow(r).some((n) => n.startsWith(w))))
    .limit(SEARCH_LIMIT)
    .toArray();
  return rows.map(fromProspectRow).sort((a, b) => a.name.localeCompare(b.name));
}
