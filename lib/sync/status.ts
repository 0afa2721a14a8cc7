import { MUTATIONS } from '@/lib/mutations';
import type { PokeConnectionState } from './poke-client';
import { PULL_EVERY_MS } from './scheduler';
import { MAX_UNREADABLE_KEPT, type Session, type SyncState, type UnreadableRow } from './session';

export type SyncDisplay =
  | { state: 'local'; text: string }
  | { state: 'synced' | 'pending' | 'syncing' | 'offline' | 'error' | 'signed_out' | 'rate_limited'; text: string };

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Pending changes are counted this far and no further: past it the line says "1,000+". */
export const COUNTED_UP_TO = 1_000;

const changesText = (n: number) => (n >= COUNTED_UP_TO ? `${COUNTED_UP_TO.toLocaleString('en-US')}+ changes` : plural(n, 'change', 'changes'));

/** What the status line says: where this device's changes stand, in words. */
export function syncDisplay(session: Session | undefined, state: SyncState, pending: number): SyncDisplay {
  const changes = changesText(pending);
  if (!session) {
    return { state: 'local', text: pending ? `Saved on this device · ${changes} waiting until you join a team` : 'Saved on this device (not connected to a team)' };
  }
  switch (state.status) {
    case 'signed_out':
      return { state: 'signed_out', text: `Signed out: ${state.error ?? 'the server refused this device'}. Sign in again in Options.` };
    case 'offline':
      return { state: 'offline', text: pending ? `Offline · ${changes} pending, will send when back` : 'Offline · up to date when last connected' };
    case 'error':
      return { state: 'error', text: `Sync error: ${state.error ?? 'unknown'}${pending ? ` · ${changes} pending` : ''}` };
    case 'rate_limited':
      return { state: 'rate_limited', text: `Waiting: ${state.error ?? 'the server asked this device to slow down'}${pending ? ` · ${changes} pending` : ''}` };
    case 'syncing':
      return { state: 'syncing', text: pending ? `Syncing ${changes}…` : 'Syncing…' };
    case 'idle':
      if (pending) return { state: 'pending', text: `${changes} pending` };
      // Just signed in: nothing has come from the team yet, so "synced" would be a promise not kept.
      if (state.lastSyncedAt === null) return { state: 'syncing', text: 'Getting your team’s data…' };
      return { state: 'synced', text: 'Synced with your team' };
  }
}

/**
 * Whether the team's changes arrive as they happen (the poke connection is up) or only at the
 * next check; null where it says nothing useful (not signed in, or the sign-in was refused,
 * which the status line says already).
 */
export function liveText(connection: PokeConnectionState): string | null {
  switch (connection.state) {
    case 'live':
      return 'Live: your team’s changes show as they happen';
    case 'connecting':
      return 'Connecting for live updates…';
    case 'retrying':
      return `No live updates (${connection.error}); checking every ${PULL_EVERY_MS / 1000} s`;
    case 'off':
    case 'refused':
      return null;
  }
}

/**
 * "2 changes from your team could not be read…": pulled rows this version skipped, which the
 * member would otherwise never know are missing.
 */
export function unreadableText(rows: UnreadableRow[]): string | null {
  if (rows.length === 0) return null;
  const kinds = [...new Set(rows.map((r) => r.kind.replaceAll('_', ' ')))].join(', ');
  const count = rows.length >= MAX_UNREADABLE_KEPT ? `At least ${rows.length} changes` : plural(rows.length, 'change', 'changes');
  const were = rows.length === 1 ? 'was' : 'were';
  return `${count} from your team could not be read by this version of Tandem and ${were} skipped (${kinds}). Update the extension; if it is up to date, tell your team’s admin.`;
}

/** "A note edit was refused and undone: only the author can change a note". */
export function rejectionText(name: string, reason: string): string {
  // Each mutation names its action where it is defined; a name this version does not know stays visible.
  return `${MUTATIONS.get(name)?.title ?? `A change (${name})`} was refused and undone: ${reason}`;
}

/** What the first sign-in's progress bar says: its name (the phase) and its value in words. */
export function firstSyncWords(teamName: string, phase: 'recent' | 'history', percent: number): { label: string; text: string } {
  if (phase === 'recent') return { label: `Getting ${teamName}’s people and recent history`, text: `${percent}% — Tandem is usable when this is done` };
  return { label: `Getting ${teamName}’s older history in the background`, text: `Ready to use. Older history: ${percent}%` };
}

/**
 * What a view of the whole team's history lacks while older history arrives: activities and
 * notes from before `olderThan` (the recent phase's edge), in the device's time zone.
 */
export function historyArrivingWords(olderThan: number, timeZone?: string): string {
  const day = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone }).format(olderThan);
  return `Activities and notes from before ${day} are still arriving: until they are in, figures, searches and orders that reach back further leave some of them out.`;
}
