import { z } from 'zod';
import { type Mutation, type MutationContext, MutationRefused, NO_CHANGE } from '@/lib/mutations';
import { type TandemDB, writableTables } from './database';
import { DexieStore } from './dexie-store';
import { ensureClientId, ensureMe, nextMutationId, whyChangesAreRefused } from './local-state';
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
  const [outcome] = await mutateAll(db, mutation, [input], ctx);
  return outcome!;
}

/**
 * Runs one mutation once per input, in order, in one transaction: each applied input queues its
 * own outbox row, and a refusal or failure of any leaves nothing of them all behind. While the
 * device is signed out of a team nothing is queued (`whyChangesAreRefused`).
 */
export async function mutateAll<Args extends z.ZodType, Result>(
  db: TandemDB,
  mutation: Mutation<Args, Result>,
  inputs: z.input<Args>[],
  ctx?: MutationContext,
): Promise<MutateResult<Result>[]> {
  const argsList = inputs.map((input) => {
    const parsed = mutation.args.safeParse(input);
    if (!parsed.success) throw new MutationRefused(mutation.name, z.prettifyError(parsed.error));
    return parsed.data;
  });
  const refused = await whyChangesAreRefused(db);
  if (refused) throw new MutationRefused(mutation.name, refused);
  const context = ctx ?? { actor: await ensureMe(db) };
  const clientId = await ensureClientId(db);
  const outcomes = await db.transaction('rw', writableTables(db), async () => {
    allowSyncedWrites('mutation');
    const store = new DexieStore(db, context.actor);
    const results: MutateResult<Result>[] = [];
    for (const args of argsList) {
      const result = await mutation.apply(store, args, context);
      if (result === NO_CHANGE) {
        results.push({ result: undefined, mutationId: null });
        continue;
      }
      const mutationId = await nextMutationId(db);
      await db.outbox.add({ mutationId, clientId, teamId: context.actor.teamId, name: mutation.name, args, createdAt: Date.now() });
      results.push({ result, mutationId });
    }
    return results;
  });
  if (outcomes.some((o) => o.mutationId !== null)) for (const listener of localWriteListeners) listener();
  return outcomes;
}
