import type { TandemDB } from '@/lib/db/database';
import { LOCAL_KEYS } from '@/lib/db/local-state';
import { MAX_PUSH_MUTATIONS, type Me, type Rejection } from '@/lib/model';
import { refreshMe } from './account';
import { applyPullPage } from './rebase';
import { type Session, patchSyncState, readSession, readSyncState } from './session';
import type { SyncTransport } from './transport';

export const PUSH_BATCH = Math.min(500, MAX_PUSH_MUTATIONS);
/** The server's maximum page: fewer round trips on a first pull of a big team. */
export const PULL_LIMIT = 5000;

/** The member the device acts as while signed in. */
export function actorOf(session: Session, role: Me['role']) {
  return { memberId: session.memberId, teamId: session.teamId, role };
}

async function currentRole(db: TandemDB, session: Session): Promise<Me['role']> {
  const member = await db.members.get(session.memberId);
  if (member) return member.role;
  const me = (await db.local.get(LOCAL_KEYS.me))?.value as Me | undefined;
  return me?.role ?? 'sourcer';
}

/** Sends the outbox in order, a batch at a time; returns the rejections the server reported. */
export async function pushAll(db: TandemDB, transport: SyncTransport, session: Session): Promise<Rejection[]> {
  const rejected: Rejection[] = [];
  let after = 0;
  for (;;) {
    const batch = await db.outbox.where('mutationId').above(after).limit(PUSH_BATCH).toArray();
    if (batch.length === 0) return rejected;
    const res = await transport.push({ clientId: session.clientId, mutations: batch.map((e) => ({ id: e.mutationId, name: e.name, args: e.args })) });
    rejected.push(...res.rejected);
    if (res.rejected.length) await db.rejections.bulkPut(res.rejected.map((r) => ({ ...r, at: Date.now() })));
    after = batch[batch.length - 1]!.mutationId;
  }
}

/** Pulls every page since the cursor, rebasing pending changes on each. */
export async function pullAll(db: TandemDB, transport: SyncTransport, session: Session): Promise<void> {
  for (;;) {
    const state = await readSyncState(db);
    const page = await transport.pull({ clientId: session.clientId, cursor: state.cursor, limit: PULL_LIMIT, since: state.rejectionsSince });
    // The member's role can change on the server; pending changes replay with the new one.
    const role = page.rows.find((r) => r.kind === 'member' && r.id === session.memberId)?.doc as { role?: Me['role'] } | null | undefined;
    await applyPullPage(db, page, actorOf(session, role?.role ?? (await currentRole(db, session))));
    if (!page.more) return refreshMe(db, session);
  }
}

/** One full round: push everything pending, then pull until up to date. Throws transport errors. */
export async function syncOnce(db: TandemDB, transport: SyncTransport, { push = true } = {}): Promise<void> {
  const session = await readSession(db);
  if (!session) return;
  if (push) await pushAll(db, transport, session);
  await pullAll(db, transport, session);
  await patchSyncState(db, { lastSyncedAt: Date.now() });
}
