import type { ProspectRow, TandemDB } from './database';
import type { SearchBasis } from './people-filters';
import { type Merges, readMerges } from './people-sets';

/**
 * What the keystrokes searching within one basis have read, kept for the next keystroke: typing
 * "Kai M" after "Kai" reads neither "kai" nor its people's rows again. It lives as long as its
 * basis, which is worked out again whenever people, their activity or merges change (it counts
 * `prospects` and `lastActivity` and reads the aliases), so nothing kept outlives the rows it
 * came from. Notes are read afresh each time: the basis does not follow them.
 */
export interface SearchMemo {
  merges: Promise<Merges> | null;
  /** A typed word's people by the index of people's words (null: more than `WORD_CAP`). */
  words: Map<string, Set<string> | null>;
  /** People's rows read (undefined: not on the device). */
  rows: Map<string, ProspectRow | undefined>;
  /** People's `lastActivity` times read (null: no live activity). */
  lastAt: Map<string, number | null>;
}

/** Rows a memo keeps at most (about 1 KB each): past it, it starts again. */
const MEMO_ROWS_MAX = 20_000;

const memos = new WeakMap<SearchBasis, SearchMemo>();

export function freshMemo(): SearchMemo {
  return { merges: null, words: new Map(), rows: new Map(), lastAt: new Map() };
}

export function memoOf(basis: SearchBasis): SearchMemo {
  let memo = memos.get(basis);
  if (!memo) memos.set(basis, (memo = freshMemo()));
  return memo;
}

export function mergesOf(db: TandemDB, memo: SearchMemo): Promise<Merges> {
  return (memo.merges ??= readMerges(db));
}

/**
 * Reading a word's range of rows in one request against fetching rows by key: in Chromium a row
 * of the range costs about half what a `get` does, so the range is read when it holds at most
 * this many rows per row wanted (and enough are wanted for one request to matter).
 */
const RANGE_ROWS_PER_WANTED = 1.5;
const RANGE_WANTED_MIN = 200;

/**
 * People's rows, in the order asked, from the memo or the database. Many missing ones that all
 * have `word` among their words (a narrow typed word, whose people the memo knows) are read as
 * that word's range of rows when that is cheaper; any others by key.
 */
export async function rowsOf(db: TandemDB, memo: SearchMemo, ids: readonly string[], word: string | null = null): Promise<(ProspectRow | undefined)[]> {
  let missing = ids.filter((id) => !memo.rows.has(id));
  if (memo.rows.size + missing.length > MEMO_ROWS_MAX) memo.rows.clear();
  const inRange = word === null ? undefined : memo.words.get(word)?.size;
  if (inRange !== undefined && missing.length >= RANGE_WANTED_MIN && inRange <= missing.length * RANGE_ROWS_PER_WANTED) {
    for (const row of await db.prospects.where('searchWords').startsWith(word!).toArray()) memo.rows.set(row.id, row);
    missing = missing.filter((id) => !memo.rows.has(id));
  }
  if (missing.length > 0) {
    const rows = await db.prospects.bulkGet(missing);
    missing.forEach((id, i) => memo.rows.set(id, rows[i]));
  }
  return ids.map((id) => memo.rows.get(id));
}
