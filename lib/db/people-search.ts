/**
 * The dashboard's People search over Dexie's indexes (schema v8), built to answer a keystroke
 * with 100,000 people and 1,000,000 activities on the device: the filters give a set of people
 * once per change of filter or data (`filterPeople`, people-filters.ts), each keystroke reads only
 * the index ranges of the words typed (`matchText`, here), and only the shown page is ordered
 * (`orderByLastActivity`, people-order.ts) and loaded (`peopleRows`). What a keystroke read is
 * kept for the next (search-memo.ts). A set of ids is "everyone" when null (people-sets.ts).
 */
import { type ProspectRow, type TandemDB, fromProspectRow, searchWordsOfRow } from './database';
import { notesByWordStart } from './note-words';
import { type SearchBasis, searchBasis } from './people-filters';
import { GET_COST_IN_ENTRIES, type Ordered, newestFirst, orderByLastActivity, timesVia } from './people-order';
import { type PeopleSet, intersect, readMerges } from './people-sets';
import { type SearchMemo, freshMemo, memoOf, mergesOf, rowsOf } from './search-memo';
import { NOTE_PREFIX_MIN, searchWordsOf } from './search-words';
import type { PeopleFilters, Prospect } from '@/lib/model';

/** Who a typed word finds by their notes: the team's notes, or the member's own private ones (resolved through merges). */
async function notedBy(db: TandemDB, memberId: string, word: string, resolve: (id: string) => string): Promise<Set<string>> {
  const found = new Set<string>();
  if (word.length < NOTE_PREFIX_MIN) return found;
  for (const note of await db.notes.bulkGet(await notesByWordStart(db, word))) {
    if (note && note.deletedAt === null && (note.visibility === 'team' || note.authorId === memberId)) found.add(resolve(note.prospectId));
  }
  return found;
}

/** The search is no longer wanted (another keystroke came): stop reading. */
class Superseded extends Error {}

/**
 * Everyone whose words start with `word`, read a slice of the range at a time (by the letter
 * after the prefix), so a one-letter prefix's tens of thousands of entries never hold the
 * database up for a keystroke's reads in between, and the reading stops once it is not wanted.
 */
async function peopleByWord(db: TandemDB, word: string, stillWanted: () => boolean): Promise<string[]> {
  const bounds = [word, ...[...'0123456789abcdefghijklmnopqrstuvwxyz'].map((c) => word + c), word + '\uffff'];
  const found: string[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    if (!stillWanted()) throw new Superseded();
    found.push(...(await db.prospects.where('searchWords').between(bounds[i], bounds[i + 1], true, i + 2 === bounds.length).primaryKeys()));
  }
  return found;
}

/**
 * The people the typed words find (null: nothing typed): each word is the start of a word of
 * their name, headline, company or location, or of a note the member may read (the team's, or
 * their own private ones), and every word typed must match. Reads every word's whole range:
 * the count of a broad search, worked out after its first page (`countMatches`).
 */
export async function matchText(db: TandemDB, memberId: string, text: string, stillWanted: () => boolean = () => true): Promise<PeopleSet> {
  const words = searchWordsOf(text);
  if (words.length === 0) return null;
  const { resolve } = await readMerges(db);
  let set: PeopleSet = null;
  // The longest words first: they match the fewest people, so later sets shrink sooner.
  for (const word of [...words].sort((a, b) => b.length - a.length)) {
    const [people, noted] = await Promise.all([peopleByWord(db, word, stillWanted), notedBy(db, memberId, word, resolve)]);
    set = intersect(set, new Set([...people, ...noted]));
  }
  return set;
}

/**
 * Index entries a keystroke reads at most per typed word (in Chromium an entry costs about 8 µs,
 * a row fetched by key about 40 µs): a word that matches more people (one or two letters, "lea")
 * is not read but checked on the rows the other words found, or on the newest-active people's
 * rows when every word typed is that broad (about limit × people ÷ matches rows: 1,250 at most
 * for a page of 50 in 100,000 people).
 */
export const WORD_CAP = 4_000;

/** A typed word on a keystroke: who it finds (null: more than `WORD_CAP`, or not read) and who by notes. */
interface TypedWord {
  word: string;
  people: Set<string> | null;
  /** Those of `people` found by their own words, not notes. */
  byWord: Set<string> | null;
  noted: Set<string>;
}

async function typedWord(db: TandemDB, memo: SearchMemo, memberId: string, word: string, resolve: (id: string) => string, read: boolean): Promise<TypedWord> {
  const [people, noted] = await Promise.all([read ? peopleOfWord(db, memo, word) : null, notedBy(db, memberId, word, resolve)]);
  return { word, people: people === null ? null : new Set([...people, ...noted]), byWord: people, noted };
}

/** Who a word finds by the people's own words, from the memo or at most `WORD_CAP + 1` index entries (null: more). */
async function peopleOfWord(db: TandemDB, memo: SearchMemo, word: string): Promise<Set<string> | null> {
  if (memo.words.has(word)) return memo.words.get(word)!;
  const ids = await db.prospects.where('searchWords').startsWith(word).limit(WORD_CAP + 1).primaryKeys();
  const people = ids.length > WORD_CAP ? null : new Set(ids);
  memo.words.set(word, people);
  return people;
}

/** Whether a person (their stored row) matches every one of the broad words. */
function matchesAll(broad: readonly TypedWord[], id: string, row: ProspectRow | undefined): boolean {
  return broad.every(({ word, noted }) => noted.has(id) || (row !== undefined && searchWordsOfRow(row).some((w) => w.startsWith(word))));
}

export interface PersonResult {
  person: Prospect;
  lastActivityAt: number | null;
}

/** The rows of one page: people of the member's team still on the device, in the given order. */
export async function peopleRows(db: TandemDB, teamId: string, ordered: Ordered, memo: SearchMemo = freshMemo()): Promise<PersonResult[]> {
  const rows = await rowsOf(db, memo, ordered.ids);
  return rows
    .filter((r) => r !== undefined && r.deletedAt === null && r.teamId === teamId)
    .map((r) => ({ person: fromProspectRow(r!), lastActivityAt: ordered.lastActivityAt.get(r!.id) ?? null }));
}

export interface PeoplePage {
  /**
   * How many people match (merged-away records may still count until the page drops them);
   * null when every typed word is broad and the count comes after the page (`countMatches`).
   */
  total: number | null;
  results: PersonResult[];
}

/** Rows of `lastActivity` read per step of a broad search's walk (streamed: a few µs each). */
const BROAD_WALK_CHUNK = 500;
/** Rows a broad search walks, and people's rows it fetches by key, at most before it reads its words' whole ranges instead. */
const BROAD_WALK_MAX = 20_000;
const BROAD_FETCH_MAX = 2_000;
/**
 * Narrower words' matches above which the broad words are checked walking newest first (rows
 * fetched only for the matches met) rather than fetching every match's row: about limit ×
 * people ÷ (matches × ½) rows streamed against one fetch (~10 streamed rows) per match.
 */
const FETCH_ALL_MAX = 1_000;

/**
 * Whether a walk checking the broad words on a narrowed set's people (fallback: fetching every
 * one of their rows, `GET_COST_IN_ENTRIES` each) should give up, having read `read` rows and
 * found `found`: once it has read, or is on course to read before the page is full, what the
 * fetch would cost. Few of the set matching ("lea lóp": 224 of 1,085, one in 450 rows walked)
 * otherwise walked 20,000 rows before fetching them all anyway.
 */
function walkOutweighsFetch(setSize: number, limit: number, read: number, found: number): boolean {
  return (read * limit) / (found + 1) > setSize * GET_COST_IN_ENTRIES;
}

/**
 * The first `limit` of `within` (null: everyone) who match every broad word, newest activity
 * first: `lastActivity` walked newest first, the people met checked on their rows. Null when that
 * would walk or fetch more than its bounds (few match), when `giveUp` says so after a step, or
 * when it runs out of people with activity before the page is full: then the words are read
 * (or the set's rows checked) instead.
 */
async function walkMatching(
  db: TandemDB,
  memo: SearchMemo,
  within: PeopleSet,
  broad: readonly TypedWord[],
  resolve: (id: string) => string,
  limit: number,
  stillWanted: () => boolean,
  giveUp: (read: number, found: number, checked: number) => boolean,
): Promise<Ordered | null> {
  // Each person found, by the id their activity was met under.
  const via = new Map<string, string>();
  const seen = new Set<string>();
  let read = 0;
  let checked = 0;
  const next = newestFirst(db, BROAD_WALK_CHUNK);
  while (via.size < limit) {
    if (read >= BROAD_WALK_MAX || seen.size >= BROAD_FETCH_MAX || giveUp(read, via.size, checked)) return null;
    if (!stillWanted()) throw new Superseded();
    const step = await next();
    if (step === null) return null;
    read += step.length;
    const candidates: { id: string; met: string }[] = [];
    for (const met of step) {
      const id = resolve(met);
      if (seen.has(id) || (within !== null && !within.has(id))) continue;
      seen.add(id);
      candidates.push({ id, met });
    }
    // Fetched a few at a time: the page is often full after the first of them.
    for (let from = 0; from < candidates.length && via.size < limit; from += limit) {
      const some = candidates.slice(from, from + limit);
      const rows = await rowsOf(db, memo, some.map((c) => c.id));
      some.forEach(({ id, met }, i) => {
        if (via.size < limit && matchesAll(broad, id, rows[i])) via.set(id, met);
      });
      checked += some.length;
      // Asked after every batch, a full page too: a caller may judge what the walk has seen.
      if (giveUp(read, via.size, checked) && via.size < limit) return null;
    }
  }
  return { ids: [...via.keys()], lastActivityAt: await timesVia(db, memo, via) };
}

/**
 * People a trial walk checks before judging its share of matches. It gives up below half the
 * share at which a word's range would hold `WORD_CAP` people: such a word is most likely
 * narrow, and reading it is cheaper than walking on.
 */
const TRIAL_CHECKED_MIN = 200;

/** The typed word whose own words find the fewest people: every person the narrower words found by their words has it. */
function narrowest(typed: readonly TypedWord[]): string | null {
  let best: TypedWord | null = null;
  for (const t of typed) if (t.byWord !== null && (best === null || t.byWord.size < best.byWord!.size)) best = t;
  return best?.word ?? null;
}

/**
 * A keystroke's work: the typed words within the people the filters left, ordered, one page
 * loaded. Each word reads at most `WORD_CAP` index entries; a broader word is checked on the
 * rows of the people the narrower words found: all of them when they are few, else the
 * newest-active of them until the page is full (giving up on that once it outweighs fetching all
 * their rows). A page found that way (or with every word broad, from the newest-active people)
 * has `total` null: `countMatches` counts it after it shows. Between steps it stops, throwing
 * `Superseded`, once `stillWanted` turns false (`searchPage` answers undefined then).
 */
export async function searchWithin(
  db: TandemDB,
  me: { memberId: string; teamId: string },
  text: string,
  basis: SearchBasis,
  limit: number,
  stillWanted: () => boolean = () => true,
): Promise<PeoplePage> {
  const wanted = () => {
    if (!stillWanted()) throw new Superseded();
  };
  const words = searchWordsOf(text);
  const memo = memoOf(basis);
  const { resolve } = await mergesOf(db, memo);
  // When the filters and the words already read leave few people ("kai" before "Kai M"), the
  // other words are checked on those people's rows rather than read from the index ("m": 4,000
  // entries to learn it is broad).
  const known = words.reduce<PeopleSet>((acc, word) => intersect(acc, memo.words.get(word) ?? null), basis.filtered);
  const fewKnown = known !== null && known.size <= FETCH_ALL_MAX;
  // Short words, and longer ones typed on from a broad one ("lea" after "le"), are mostly broad
  // in a large team, and learning that reads 4,000 index entries: the newest-active people are
  // tried first, given up as soon as too few of them match for that to fill the page.
  const unread = words.filter((word) => !memo.words.has(word));
  const likelyBroad = (word: string) => word.length <= 2 || [...memo.words].some(([known, people]) => people === null && word.startsWith(known));
  if (!fewKnown && basis.people > WORD_CAP && unread.length > 0 && unread.every(likelyBroad) && words.every((word) => (memo.words.get(word) ?? null) === null)) {
    const trial = await Promise.all(words.map((word) => typedWord(db, memo, me.memberId, word, resolve, false)));
    wanted();
    let share = 0;
    const walked = await walkMatching(db, memo, basis.filtered, trial, resolve, limit, stillWanted, (_read, found, checked) => {
      share = found / Math.max(checked, 1);
      return checked >= TRIAL_CHECKED_MIN && share < WORD_CAP / basis.people / 2;
    });
    if (walked) {
      // A word typed alone that this many people match is broad: the next keystroke need not read it.
      if (words.length === 1 && share * basis.people > 2 * WORD_CAP) memo.words.set(words[0]!, null);
      return { total: null, results: await peopleRows(db, me.teamId, walked, memo) };
    }
  }
  const typed = await Promise.all(words.map((word) => typedWord(db, memo, me.memberId, word, resolve, !fewKnown || memo.words.has(word))));
  const broad = typed.filter((t) => t.people === null);
  let people = typed.reduce<PeopleSet>((acc, t) => (t.people === null ? acc : intersect(acc, t.people)), basis.filtered);
  if (broad.length > 0) {
    const narrowed = broad.length < typed.length || (people !== null && people.size <= FETCH_ALL_MAX);
    if (!narrowed || people === null || people.size > FETCH_ALL_MAX) {
      wanted();
      const setSize = people?.size ?? 0;
      const giveUp = narrowed ? (read: number, found: number) => walkOutweighsFetch(setSize, limit, read, found) : () => false;
      const walked = await walkMatching(db, memo, people, broad, resolve, limit, stillWanted, giveUp);
      if (walked) return { total: null, results: await peopleRows(db, me.teamId, walked, memo) };
    }
    wanted();
    if (narrowed && people !== null) {
      const ids = [...people];
      const rows = await rowsOf(db, memo, ids, narrowest(typed));
      people = new Set(ids.filter((id, i) => matchesAll(broad, id, rows[i])));
    } else {
      people = intersect(basis.filtered, await matchText(db, me.memberId, text, stillWanted));
    }
  }
  wanted();
  const ordered = await orderByLastActivity(db, people, limit, basis.withActivity, memo);
  return { total: people?.size ?? basis.people, results: await peopleRows(db, me.teamId, ordered, memo) };
}

/**
 * A keystroke's page, or undefined when `stillWanted` turned false on the way (another keystroke
 * came): a superseded search stops reading rather than holding the database up for the next one.
 */
export async function searchPage(
  db: TandemDB,
  me: { memberId: string; teamId: string },
  text: string,
  basis: SearchBasis,
  limit: number,
  stillWanted: () => boolean,
): Promise<PeoplePage | undefined> {
  return unlessSuperseded(() => searchWithin(db, me, text, basis, limit, stillWanted));
}

async function unlessSuperseded<T>(work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Superseded) return undefined;
    throw error;
  }
}

/**
 * How many people a search finds, for a page whose `total` was left null: every word's whole
 * range, in slices; undefined when `stillWanted` turned false on the way (the text changed).
 */
export async function countMatches(db: TandemDB, me: { memberId: string }, text: string, basis: SearchBasis, stillWanted: () => boolean): Promise<number | undefined> {
  return unlessSuperseded(async () => intersect(basis.filtered, await matchText(db, me.memberId, text, stillWanted))?.size ?? basis.people);
}

/** One search from start to page. */
export async function searchPeople(db: TandemDB, me: { memberId: string; teamId: string }, text: string, filters: PeopleFilters, limit: number): Promise<PeoplePage> {
  return searchWithin(db, me, text, await searchBasis(db, filters), limit);
}
