import { MUTATIONS } from '@/lib/mutations';
import type { Session, SyncState } from './session';

export type SyncDisplay =
  | { state: 'local'; text: string }
  | { state: 'synced' | 'pending' | 'syncing' | 'offline' | 'error' | 'signed_out'; text: string };

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What the status line says: where this device's changes stand, in words. */
export function syncDisplay(session: Session | undefined, state: SyncState, pending: number): SyncDisplay {
  const changes = plural(pending, 'change', 'changes');
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
    case 'syncing':
      return { state: 'syncing', text: pending ? `Syncing ${changes}…` : 'Syncing…' };
    case 'idle':
      return pending ? { state: 'pending', text: `${changes} pending` } : { state: 'synced', text: 'Synced with your team' };
  }
}

/** "A note edit was refused and undone: only the author can change a note". */
export function rejectionText(name: string, reason: string): string {
  // Each mutation names its action where it is defined; a name this version does not know stays visible.
  return `${MUTATIONS.get(name)?.title ?? `A change (${name})`} was refused and undone: ${reason}`;
}
