import { z } from 'zod';
import type { Database, Queryable } from '@/server/db/database';
import { MUTATIONS, MutationRefused, NO_CHANGE, type Actor } from '@/lib/mutations';
import type { PushRequest, PushResponse, Rejection } from '@/lib/model';
import { SqlStore, nextVersion } from './sql-store';

/** The client is bound to another member: its outbox is not the caller's to push. */
export class ClientNotYours extends Error {}

/** The client's row, created for the caller on first use; locked until the transaction ends. */
export async function claimClient(tx: Queryable, clientId: string, memberId: string, { lock }: { lock: boolean }): Promise<number> {
  await tx.query('INSERT INTO clients (id, member_id) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [clientId, memberId]);
  const [client] = await tx.query<{ member_id: string; last_mutation_id: number }>(
    `SELECT member_id, last_mutation_id FROM clients WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [clientId],
  );
  if (!client || client.member_id !== memberId) throw new ClientNotYours('this client id belongs to another member');
  return Number(client.last_mutation_id);
}

/** Why a mutation cannot be applied, or null when it can be tried. */
function refusal(name: string, args: unknown): { reason: string } | { args: unknown } {
  const mutation = MUTATIONS.get(name);
  if (!mutation) return { reason: `unknown mutation ${name}` };
  const parsed = mutation.args.safeParse(args);
  return parsed.success ? { args: parsed.data } : { reason: z.prettifyError(parsed.error) };
}

/**
 * Applies a client's mutations in order, in one transaction with a savepoint each. A mutation
 * at or below the client's last id is a retry and is skipped; one that fails validation or a
 * rule is rolled back to its savepoint, recorded with its reason, and still advances the
 * client's last id, so it never blocks the ones after it.
 */
export async function push(db: Database, actor: Actor, request: PushRequest): Promise<PushResponse> {
  return db.transaction(async (tx) => {
    let last = await claimClient(tx, request.clientId, actor.memberId, { lock: true });
    const pushedIds: number[] = [];
    for (const m of request.mutations) {
      pushedIds.push(m.id);
      if (m.id <= last) continue;
      const checked = refusal(m.name, m.args);
      const reason = 'reason' in checked ? checked.reason : await applyOne(tx, actor, m.name, checked.args);
      if (reason !== null) {
        await tx.query('INSERT INTO rejections (client_id, mutation_id, name, reason) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [
          request.clientId,
          m.id,
          m.name,
          reason,
        ]);
      }
      last = m.id;
    }
    if (pushedIds.length > 0) await tx.query('UPDATE clients SET last_mutation_id = $2 WHERE id = $1 AND last_mutation_id < $2', [request.clientId, last]);
    const rejected = pushedIds.length
      ? await tx.query<{ mutation_id: number; name: string; reason: string }>(
          'SELECT mutation_id, name, reason FROM rejections WHERE client_id = $1 AND mutation_id = ANY($2::bigint[]) ORDER BY mutation_id',
          [request.clientId, pushedIds],
        )
      : [];
    return { lastMutationId: last, rejected: rejected.map(toRejection) };
  });
}

/** Applies one mutation inside a savepoint; returns the reason it was refused, or null. */
async function applyOne(tx: Queryable, actor: Actor, name: string, args: unknown): Promise<string | null> {
  const mutation = MUTATIONS.get(name)!;
  await tx.query('SAVEPOINT mutation');
  try {
    const version = await nextVersion(tx, actor.teamId);
    const result = await mutation.apply(new SqlStore(tx, actor.teamId, version), args, { actor });
    // Nothing written: give the version back so it is not a gap (only cosmetic).
    if (result === NO_CHANGE) await tx.query('ROLLBACK TO SAVEPOINT mutation');
    await tx.query('RELEASE SAVEPOINT mutation');
    return null;
  } catch (e) {
    await tx.query('ROLLBACK TO SAVEPOINT mutation');
    await tx.query('RELEASE SAVEPOINT mutation');
    if (e instanceof MutationRefused) return e.reason;
    throw e;
  }
}

export function toRejection(r: { mutation_id: number; name: string; reason: string }): Rejection {
  return { mutationId: Number(r.mutation_id), name: r.name, reason: r.reason };
}
