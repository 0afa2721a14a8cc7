import { TZDate } from '@date-fns/tz';
import { addDays, format, startOfISOWeek, subWeeks } from 'date-fns';
import { useCallback, useEffect, useState } from 'react';
import type { MetricsFilter } from '@/lib/metrics';

/** Weeks the Numbers view shows when no dates are chosen: this ISO week and the 11 before it. */
export const DEFAULT_WEEKS = 12;

/** The date and member filters as the URL's query keeps them (`?from=2026-09-07&to=…&member=…`); empty: the default. */
export interface NumbersQuery {
  from: string;
  to: string;
  member: string;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The default span in the zone: from the Monday 11 weeks before this week's to today. */
export function defaultDates(now: number, timeZone: string): { from: string; to: string } {
  const today = new TZDate(now, timeZone);
  return { from: format(startOfISOWeek(subWeeks(today, DEFAULT_WEEKS - 1)), 'yyyy-MM-dd'), to: format(today, 'yyyy-MM-dd') };
}

function startOf(day: string, timeZone: string): number | null {
  const match = DAY.exec(day);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new TZDate(y, m - 1, d, timeZone);
  return date.getDate() === d ? date.getTime() : null;
}

/**
 * The filter lib/metrics applies: from the start of the first day to the end of the last, in the
 * member's zone. A reason instead when the dates cannot be read or are the wrong way round.
 */
export function metricsFilter(query: NumbersQuery, now: number, timeZone: string): MetricsFilter | { problem: string } {
  const dates = defaultDates(now, timeZone);
  const from = startOf(query.from || dates.from, timeZone);
  const toDay = query.to || dates.to;
  const toStart = startOf(toDay, timeZone);
  if (from === null || toStart === null) return { problem: 'Enter the dates as year, month and day.' };
  const to = addDays(new TZDate(toStart, timeZone), 1).getTime() - 1;
  if (from > to) return { problem: 'The first day is after the last day: choose a first day on or before the last.' };
  return { from, to, memberId: query.member || null };
}

const readQuery = (): NumbersQuery => {
  const params = new URLSearchParams(window.location.search);
  return { from: params.get('from') ?? '', to: params.get('to') ?? '', member: params.get('member') ?? '' };
};

/**
 * The date and member filters, kept in the URL's query (the fragment holds the view and the
 * requisition), so a reload or a shared link shows the same numbers.
 */
export function useNumbersQuery(): [NumbersQuery, (patch: Partial<NumbersQuery>) => void] {
  const [query, setQuery] = useState(readQuery);
  useEffect(() => {
    const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== ''));
    const search = params.size > 0 ? `?${params}` : '';
    if (search !== window.location.search) window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}${window.location.hash}`);
  }, [query]);
  const update = useCallback((patch: Partial<NumbersQuery>) => setQuery((current) => ({ ...current, ...patch })), []);
  return [query, update];
}
