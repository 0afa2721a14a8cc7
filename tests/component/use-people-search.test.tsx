import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { COUNT_AFTER_MS, usePeopleSearch } from '@/components/dashboard/people/use-people-search';
import { DbProvider } from '@/components/ui/db-context';
import type { TandemDB } from '@/lib/db/database';
import type * as PeopleSearch from '@/lib/db/people-search';
import type { PeoplePage } from '@/lib/db/people-search';
import { NO_FILTERS } from '@/lib/model';
import { freshDb } from '../support/db';

// Each text's page is answered when the test says so: a slow page must not let the last text's
// page start the new text's count, and a late page must not replace a newer one.
const pending = new Map<string, (page: PeoplePage) => void>();
const stillWanted = new Map<string, (() => boolean) | undefined>();
const counted: string[] = [];
vi.mock('@/lib/db/people-search', async (original) => {
  const actual = await original<typeof PeopleSearch>();
  const page = (_db: unknown, _me: unknown, text: string, _basis: unknown, _limit: unknown, wanted?: () => boolean) => {
    stillWanted.set(text, wanted);
    return new Promise<PeoplePage>((resolve) => pending.set(text, resolve));
  };
  return {
    ...actual,
    searchBasis: () => Promise.resolve({ filtered: null, people: 100, withActivity: 100 }),
    searchWithin: page,
    searchPage: page,
    countMatches: (_db: unknown, _me: unknown, text: string) => {
      counted.push(text);
      return Promise.resolve(7);
    },
  };
});

const ME = { memberId: 'ME', teamId: 'team', name: 'Me', email: 'me@example.com', role: 'recruiter' } as const;
const broadPage = (name: string): PeoplePage => ({ total: null, results: [{ person: { id: name, name } as PeoplePage['results'][number]['person'], lastActivityAt: null }] });

let db: TandemDB;
beforeEach(() => {
  db = freshDb();
  pending.clear();
  stillWanted.clear();
  counted.length = 0;
});
afterEach(() => db.close());

function render() {
  const wrapper = ({ children }: { children: ReactNode }) => <DbProvider db={db}>{children}</DbProvider>;
  return renderHook(({ text }) => usePeopleSearch(ME as never, text, NO_FILTERS, 50), { wrapper, initialProps: { text: 'le' } });
}

const answer = async (text: string, page: PeoplePage) => {
  await waitFor(() => expect(pending.has(text)).toBe(true));
  act(() => pending.get(text)!(page));
};
const pause = (ms: number) => act(() => new Promise<void>((resolve) => setTimeout(resolve, ms)));

describe('usePeopleSearch', () => {
  it('counts a broad search only once its own page has come, not on the last text’s page', async () => {
    const { result, rerender } = render();
    await answer('le', broadPage('Lea'));
    await waitFor(() => expect(counted).toEqual(['le']));
    await waitFor(() => expect(result.current?.total).toBe(7));

    rerender({ text: 'lea' });
    // The page for "lea" is slow: the pause passes with the page of "le" still shown.
    await pause(COUNT_AFTER_MS + 100);
    // act() renders the text settling as it ends: give the queries that render starts a moment.
    await pause(100);
    expect(counted).toEqual(['le']);
    expect(result.current?.results.map((r) => r.person.name)).toEqual(['Lea']);

    await answer('lea', broadPage('Leander'));
    await waitFor(() => expect(counted).toEqual(['le', 'lea']));
    await waitFor(() => expect(result.current).toEqual({ ...broadPage('Leander'), total: 7 }));
  });

  it('tells a superseded text’s search to stop, and never shows its page once a newer one has come', async () => {
    const { result, rerender } = render();
    await waitFor(() => expect(pending.has('le')).toBe(true));
    expect(stillWanted.get('le')?.()).toBe(true);
    rerender({ text: 'lea' });
    await waitFor(() => expect(stillWanted.get('le')?.()).toBe(false));
    expect(stillWanted.get('lea')?.()).toBe(true);
    await answer('lea', { total: 1, results: broadPage('Leander').results });
    await waitFor(() => expect(result.current?.results.map((r) => r.person.name)).toEqual(['Leander']));
    // The older keystroke's page arrives last.
    act(() => pending.get('le')!({ total: 2, results: broadPage('Lea').results }));
    await pause(50);
    expect(result.current?.results.map((r) => r.person.name)).toEqual(['Leander']);
  });
});
