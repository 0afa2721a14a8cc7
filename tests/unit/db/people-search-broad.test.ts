import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TandemDB } from '@/lib/db/database';
import { searchBasis } from '@/lib/db/people-filters';
import { orderByLastActivity } from '@/lib/db/people-order';
import { WORD_CAP, countMatches, matchText, searchWithin } from '@/lib/db/people-search';
import { NO_FILTERS, type Note } from '@/lib/model';
import { arrived, freshDb, searchPerson, viewedAt } from '../../support/db';

// Words that match more than WORD_CAP people are checked on rows, not read from the index: the
// page must be the same as reading every word's whole range would give.
const ME = { memberId: 'ME', teamId: 'team' };
const synced = { teamId: 'team', version: 1, deletedAt: null };
const MANY = WORD_CAP + 100;

const person = searchPerson;
const activity = viewedAt;
const note = (id: string, prospectId: string, body: string, patch: Partial<Note> = {}): Note => ({ ...synced, id, prospectId, authorId: 'ME', body, visibility: 'team', mentions: [], createdAt: 1, editedAt: null, ...patch });

let db: TandemDB;
beforeAll(async () => {
  db = freshDb();
  const id = (i: number) => `P${String(i).padStart(5, '0')}`;
  // Everyone is a "Lee"; every third has no activity; activity times are shuffled against ids.
  await arrived(db, 'prospects', ...Array.from({ length: MANY }, (_, i) => person(id(i), `Lee Person${i}`)));
  await arrived(db, 'prospects', person('K1', 'Ada Kowalski'), person('K2', 'Bo Kowalski', { location: 'Lisbon' }), person('K3', 'Cy Kowalski'), person('N1', 'Ann Nowak'), person('N2', 'Ben Nowak'));
  await arrived(db, 'activities', ...Array.from({ length: MANY }, (_, i) => i).filter((i) => i % 3 !== 0).map((i) => activity(`A${i}`, id(i), ((i * 7919) % MANY) + 10)));
  await arrived(db, 'activities', activity('AK1', 'K1', 1), activity('AK2', 'K2', 2), activity('AN1', 'N1', 3));
  await arrived(db, 'notes', note('T1', 'N1', 'Lee said hello'), note('T2', 'N2', 'lee was there', { visibility: 'private', authorId: 'OTHER' }));
}, 60_000);
afterAll(() => db.close());

/** The page reading every word's whole range gives. */
async function exactPage(text: string, limit = 50) {
  const people = await matchText(db, ME.memberId, text);
  return { total: people?.size, ids: (await orderByLastActivity(db, people, limit, 1e9)).ids };
}

describe('People search: words that match more people than a keystroke reads', () => {
  it('one broad word: the newest-active matches, counted after the page', async () => {
    const basis = await searchBasis(db, NO_FILTERS);
    for (const text of ['l', 'le', 'lee']) {
      const page = await searchWithin(db, ME, text, basis, 50);
      const exact = await exactPage(text);
      expect(page.results.map((r) => r.person.id)).toEqual(exact.ids);
      expect(page.total).toBeNull();
      expect(await countMatches(db, ME, text, basis, () => true)).toBe(exact.total);
    }
  });

  it('a broad word with a narrow one: checked on the narrow one’s rows (any field) and notes the member may read', async () => {
    const basis = await searchBasis(db, NO_FILTERS);
    const found = async (text: string) => {
      const page = await searchWithin(db, ME, text, basis, 50);
      expect(page.results.map((r) => r.person.id)).toEqual((await exactPage(text)).ids);
      return { total: page.total, names: page.results.map((r) => r.person.name) };
    };
    // "l": Lisbon, the location; Ada and Cy have no word starting with it.
    expect(await found('l kowalski')).toEqual({ total: 1, names: ['Bo Kowalski'] });
    // "lee": Ann by the team's note; Ben's note is another member's private one.
    expect(await found('lee nowak')).toEqual({ total: 1, names: ['Ann Nowak'] });
  });

  it('a broad word with a narrow one matching many: the narrow one’s newest-active people, counted after the page', async () => {
    const basis = await searchBasis(db, NO_FILTERS);
    // "person1": Person1, Person10…, Person1000… (1,111 people, more than are fetched one by one).
    for (const text of ['person1 l', 'person1 lee']) {
      const page = await searchWithin(db, ME, text, basis, 50);
      const exact = await exactPage(text);
      expect(exact.total).toBe(1_111);
      expect(page.total).toBeNull();
      expect(page.results.map((r) => r.person.id)).toEqual(exact.ids);
      expect(await countMatches(db, ME, text, basis, () => true)).toBe(1_111);
    }
  });

  it('stops counting once the text has changed', async () => {
    const basis = await searchBasis(db, NO_FILTERS);
    let asked = 0;
    expect(await countMatches(db, ME, 'l', basis, () => ++asked < 3)).toBeUndefined();
    expect(asked).toBe(3);
  });
});
