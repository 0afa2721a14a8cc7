import { liveQuery } from 'dexie';
import { useEffect, useMemo, useState } from 'react';
import type { TandemDB } from '@/lib/db/database';
import { type ActivityWindow, activitiesBetween, createdBetween, weekRanges, windowOf } from '@/lib/db/numbers-queries';
import type { Activity } from '@/lib/model';

interface Loaded {
  key: string;
  weeks: (Activity[] | undefined)[];
  created: string[] | undefined;
}

/**
 * The span's activities as one live query per week: a new change (nearly always in the current
 * week) re-reads that week alone, not the 12 weeks' hundreds of thousands of rows, and the
 * other weeks stay as they were read. undefined until every week is in, or while `enabled` is
 * false (the view starts it once its other figures are in).
 */
export function useActivityWindow(db: TandemDB, span: { from: number; to: number } | undefined, enabled: boolean): ActivityWindow | undefined {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const key = span && enabled ? `${span.from}:${span.to}` : null;
  useEffect(() => {
    if (!span || !enabled) return;
    const state: Loaded = { key: `${span.from}:${span.to}`, weeks: [], created: undefined };
    const ranges = weekRanges(span.from, span.to);
    state.weeks = ranges.map(() => undefined);
    const publish = () => setLoaded({ ...state, weeks: [...state.weeks] });
    const fail = (error: unknown) => console.warn('Tandem: could not read the activity of these dates', error);
    const subscriptions = ranges.map(([start, end], k) =>
      liveQuery(() => activitiesBetween(db, start, end)).subscribe({
        next: (rows) => {
          state.weeks[k] = rows;
          publish();
        },
        error: fail,
      }),
    );
    subscriptions.push(
      liveQuery(() => createdBetween(db, span.from, span.to)).subscribe({
        next: (ids) => {
          state.created = ids;
          publish();
        },
        error: fail,
      }),
    );
    return () => subscriptions.forEach((s) => s.unsubscribe());
    // The span's ends say all there is to say about it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [db, span?.from, span?.to, enabled]);
  return useMemo(() => {
    if (!loaded || loaded.key !== key || !loaded.created || loaded.weeks.some((w) => w === undefined)) return undefined;
    return windowOf(loaded.weeks as Activity[][], loaded.created);
  }, [loaded, key]);
}
