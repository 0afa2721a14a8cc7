import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TandemDB } from '@/lib/db/database';
import { searchBasis } from '@/lib/db/people-filters';
import { orderByLastActivity } from '@/lib/db/people-order';
import { WORD_CAP, matchText, searchWithin } from '@/lib/db/people-search';
import { NO_FILTERS, PeopleFilters } from '@/lib/model';
import { arrived, freshDb, searchPerson, viewedAt } from '../../support/db';
import { watchReads } from '../../support/watch-reads';

// Keystrokes within one basis reuse what the ones before them read: the pages must still be
// exactly what reading every word's whole range gives, and a new basis reads afresh.
const ME = { memberId: 'ME', teamId: 'team' };
const MANY = WORD_CAP + 100;
const person = searchPerson;
const activity = viewedAt;

/** What the search asked the database for: index ranges read, and rows fetched by key, per table. */
interface Read {
  table: string;
  index: string | null;
  lower: unknown;
  /** Whether a range read returned rows, not just keys. */
  values: boolean;
  keys: number;
}

let db: TandemDB;
const reads: Read[] = [];
beforeAll(async () => {
  db = freshDb();
  watchReads(db, 'reads', {
    query: (table, req) => reads.push({ table, index: req.query.index.name ?? null, lower: req.query.range.lower, values: req.values === true, keys: 0 }),
    getMany: (table, req) => reads.push({ table, index: null, lower: null, values: true, keys: req.keys.length }),
  });
  const lee = (i: number) => `L${String(i).padStart(5, '0')}`;
  // "m" is broad (every Lee is a Moreno); "kai" is narrow: 300 Kais, a third of them Morenos.
  await arrived(db, 'prospects', ...Array.from({ length: MANY }, (_, i) => person(lee(i), `Lee Moreno${i}`)));
  await arrived(db, 'prospects', ...Array.from({ length: 300 }, (_, i) => person(`K${String(i).padStart(3, '0')}`, i % 3 === 0 ? `Kai Moreno` : `Kai Nilsen${i}`, i % 10 === 0 ? { profiles: [{ site: 'greenhouse', key: `greenhouse:${i}`, url: `https://app.greenhouse.io/people/${i}` }] } : {})));
  await arrived(db, 'activities', ...Array.from({ length: 300 }, (_, i) => i).filter((i) => i % 4 !== 0).map((i) => activity(`AK${i}`, `K${String(i).padStart(3, '0')}`, ((i * 7919) % 1000) + 10)));
  await arrived(db, 'activities', ...Array.from({ length: MANY }, (_, i) => activity(`AL${i}`, lee(i), ((i * 104_729) % MANY) + 2_000)));
}, 60_000);
afterAll(() => db.close());

async function exactPage(text: string, limit = 50) {
  const people = await matchText(db, ME.memberId, text);
  return { total: people?.size, ids: (await orderByLastActivity(db, people, limit, 1e9)).ids };
}

/** Who a word finds, read from the index of people's words (keys only: a range of rows is read to check other words). */
const wordRead = (seen: Read[], word: string) => seen.some((r) => r.table === 'prospects' && r.index === 'searchWords' && r.lower === word && !r.values);
const fetched = (seen: Read[], table: string) => seen.filter((r) => r.table === table && (r.keys > 0 || r.index === 'searchWords')).length;

describe('People search: keystrokes within one basis reuse what was read', () => {
  it('"Kai M" after "Kai": "m" is checked on the Kais’ rows, not read; "Kai Mo" reads no person or activity again', async () => {
    const basis = await searchBasis(db, NO_FILTERS);
    const seen: Record<string, Read[]> = {};
    for (const text of ['kai', 'kai m', 'kai mo', 'kai mor']) {
      reads.length = 0;
      const page = await searchWithin(db, ME, text, basis, 50);
      seen[text] = [...reads];
      const exact = await exactPage(text);
      expect(page.results.map((r) => r.person.id), text).toEqual(exact.ids);
      expect(page.total, text).toBe(exact.total);
    }
    expect(wordRead(seen['kai']!, 'kai')).toBe(true);
    expect(wordRead(seen['kai m']!, 'kai')).toBe(false);
    expect(wordRead(seen['kai m']!, 'm')).toBe(false);
    expect(fetched(seen['kai m']!, 'prospects')).toBeGreaterThan(0);
    for (const text of ['kai mo', 'kai mor']) {
      expect(wordRead(seen[text]!, 'kai'), text).toBe(false);
      expect(fetched(seen[text]!, 'prospects'), text).toBe(0);
      expect(fetched(seen[text]!, 'lastActivity'), text).toBe(0);
    }
  });

  it('a new basis reads afresh: a Kai Moreno who arrived since is found', async () => {
    const before = await searchBasis(db, NO_FILTERS);
    expect((await searchWithin(db, ME, 'kai mor', before, 500)).total).toBe(100);
    await arrived(db, 'prospects', person('K999', 'Kai Moreno'));
    const after = await searchBasis(db, NO_FILTERS);
    const page = await searchWithin(db, ME, 'kai mor', after, 500);
    expect(page.total).toBe(101);
    expect(page.results.map((r) => r.person.id)).toContain('K999');
  });

  it('filters that leave few people: a broad word is checked on their rows, with an exact count', async () => {
    const filters = PeopleFilters.parse({ site: 'greenhouse' });
    const basis = await searchBasis(db, filters);
    expect(basis.filtered?.size).toBe(30);
    reads.length = 0;
    const page = await searchWithin(db, ME, 'm', basis, 50);
    expect(wordRead([...reads], 'm')).toBe(false);
    const exact = [...((await matchText(db, ME.memberId, 'm')) ?? [])].filter((id) => basis.filtered!.has(id));
    expect(page.total).toBe(exact.length);
    expect(page.results.map((r) => r.person.id).sort()).toEqual(exact.sort());
  });
});
