import { sendMessage } from '@/lib/messaging';
import { onLocalWrite } from '@/lib/db/mutate';
import type { SyncReason } from './scheduler';

/** Asks the background worker for a sync (it may be asleep: the message wakes it). */
export const askToSync = (reason: SyncReason) => void sendMessage('syncNow', reason).catch(() => undefined);

/**
 * What every extension page does about sync: ask the worker to push soon after each local
 * write, and (for pages that show team data) to pull now, so what opens is fresh.
 */
export function connectPageToSync({ pullNow }: { pullNow: boolean }): { signedIn: () => void } {
  onLocalWrite(() => askToSync('local_write'));
  if (pullNow) askToSync('page_open');
  return { signedIn: () => askToSync('signed_in') };
}
