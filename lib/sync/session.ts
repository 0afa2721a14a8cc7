import { z } from 'zod';
import type { TandemDB } from '@/lib/db/database';
import { LOCAL_KEYS, readValidated } from '@/lib/db/local-state';
import { ClientId, Id } from '@/lib/model';

/** This device's sign-in to a team server. The token is the only credential; it never leaves the extension. */
export const Session = z.object({
  serverUrl: z.url(),
  token: z.string().min(1),
  clientId: ClientId,
  memberId: Id,
  teamId: z.string().min(1),
  teamName: z.string(),
  deviceName: z.string(),
  signedInAt: z.number().int(),
});
export type Session = z.infer<typeof Session>;

export function readSession(db: TandemDB): Promise<Session | undefined> {
  return readValidated(db, LOCAL_KEYS.session, Session);
}

/** A pulled row this version of the extension could not read, and so did not store. */
export const UnreadableRow = z.object({ kind: z.string(), id: z.string(), version: z.number().int(), reason: z.string() });
export type UnreadableRow = z.infer<typeof UnreadableRow>;
/** How many unreadable rows are remembered (the status line counts them). */
export const MAX_UNREADABLE_KEPT = 20;

/** Where this device stands with the server; survives service-worker restarts. */
export const SyncState = z.object({
  /** Pull from this version next. */
  cursor: z.number().int().nonnegative(),
  /** The server has handled every mutation at or below this id. */
  ackedMutationId: z.number().int().nonnegative(),
  /** Rejections above this id have not been fetched yet. */
  rejectionsSince: z.number().int().nonnegative(),
  /** The server's epoch the cursor belongs to; null until the first pull. */
  epoch: z.string().nullable().default(null),
  /** `rate_limited`: the server asked this device to wait until `nextRetryAt`; nothing is sent before. */
  status: z.enum(['idle', 'syncing', 'offline', 'error', 'signed_out', 'rate_limited']),
  /** What went wrong last, in words for the user. */
  error: z.string().nullable(),
  /** Consecutive failures, for the backoff. */
  failures: z.number().int().nonnegative(),
  nextRetryAt: z.number().int().nullable(),
  lastSyncedAt: z.number().int().nullable(),
  /** Rows skipped since they arrived, the latest first; they go when a readable version arrives. */
  unreadable: z.array(UnreadableRow).max(MAX_UNREADABLE_KEPT).default([]),
  /** The server said at the last pull that it mails this member's overdue reminders (PullResponse.remindersByMail). */
  remindersByMail: z.boolean().default(false),
});
export type SyncState = z.infer<typeof SyncState>;

export const INITIAL_SYNC_STATE: SyncState = {
  cursor: 0,
  ackedMutationId: 0,
  rejectionsSince: 0,
  epoch: null,
  status: 'idle',
  error: null,
  failures: 0,
  nextRetryAt: null,
  lastSyncedAt: null,
  unreadable: [],
  remindersByMail: false,
};

export async function readSyncState(db: TandemDB): Promise<SyncState> {
  return (await readValidated(db, LOCAL_KEYS.syncState, SyncState)) ?? INITIAL_SYNC_STATE;
}

/** Merges `patch` into the stored state; call inside the caller's transaction when it must commit with other writes. */
export async function patchSyncState(db: TandemDB, patch: Partial<SyncState>): Promise<SyncState> {
  const next = { ...(await readSyncState(db)), ...patch };
  await db.local.put({ key: LOCAL_KEYS.syncState, value: next });
  return next;
}
