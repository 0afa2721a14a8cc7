import { z } from 'zod';
import { type Mutation, type MutationContext, MutationRefused, NO_CHANGE } from '@/lib/mutations';
import { type TandemDB, writableTables } from './database';
import { DexieStore } from './dexie-store';
import { ensureClientId, ensureMe, nextMutationId } from './local-state';
import { allowSyncedWrites } from './synced-write-guard';

export interface MutateResult<Result> {
  result: Result | undefined;
  /** The outbox id, or null when the mutation found nothing to change. */
  mutationId: number | null;
}

type LocalWriteListener = () => void;
const localWriteListeners = new Set<LocalWriteListener>();

/** Called after each queued local write (the extension uses it to ask the worker to push soon). */
export function onLocalWrite(listener: LocalWriteListener): () => void {
  localWriteListeners.add(listener);
  return () => localWriteListeners.delete(listener);
}

/**
 * The only way UI code writes data: validates the args, applies them to Dexie and queues the
 * outbox row in one transaction, so a refused or failed mutation leaves nothing behind.
 */
export async function mutate<Args extends z.ZodType, Result>(
  db: TandemDB,
  mutation: Mutation<Args, Result>,
  input: z.input<Args>,
  ctx?: MutationContext,
): Promise<MutateResult<Result>> {
  const parsed = mutation.args.safeParse(input);
  if (!parsed.success) throw new MutationRefused(mutation.name, z.prettifyError(parsed.error));
  const args = parsed.data;
  const context = ctx ?? { actor: await ensureMe(db) };
  const clientId = await ensureClientId(db);
  const outcome = await db.transaction('rw', writableTables(db), async () => {
    allowSyncedWrites('mutation');
    const result = await mutation.apply(new DexieStore(db, context.actor), args, context);
    if (result === NO_CHANGE) return { result: undefined, mutationId: null };
    const mutationId = await nextMutationId(db);
    await db.outbox.add({ mutationId, clientId, teamId: context.actor.teamId, name: mutation.name, args, createdAt: Date.now() });
    return { result, mutationId };
  });
  if (outcome.mutationId !== null) for (const listener of localWriteListeners) listener();
  return outcome;
}
