import type { z } from 'zod';
import { ENTITIES, type Role, type SyncedTable } from '@/lib/model';
import type { MutationStore } from './store';

/** Who runs a mutation: on the device the signed-in member, on the server the token's owner. */
export interface Actor {
  memberId: string;
  teamId: string;
  role: Role;
}

export interface MutationContext {
  actor: Actor;
}

/** A named write, applied optimistically on the device, replayed after pulls, and applied by the server. */
export interface Mutation<Args extends z.ZodType = z.ZodType, Result = unknown> {
  name: string;
  /** The action in words, as a member reads it when it is refused: "A review decision". */
  title: string;
  args: Args;
  /** Throws MutationRefused to refuse; returns NO_CHANGE when there is nothing to write. */
  apply(store: MutationStore, args: z.output<Args>, ctx: MutationContext): Promise<Result | typeof NO_CHANGE>;
}

/** Returned by `apply` when there is nothing to write (so nothing is queued either). */
export const NO_CHANGE = Symbol('no change');

export function defineMutation<Args extends z.ZodType, Result>(m: Mutation<Args, Result>): Mutation<Args, Result> {
  return m;
}

/**
 * A mutation refused for a reason the user can read: invalid args, not allowed, not found. Its
 * message is the reason alone: wherever it is shown, people read no internal action name
 * ("review.reassign"); `mutation` keeps the name for logs and code.
 */
export class MutationRefused extends Error {
  constructor(
    readonly mutation: string,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'MutationRefused';
  }
}

/** A client-given id for a new row is taken: the row exists already (refused by `requireUnusedId`). */
export class IdInUse extends MutationRefused {}

/**
 * Aliases form chains (A merged into B, then B into C); each merge makes one link, and an alias
 * is only ever made for a live person's id, so a chain has no loop. The bound is a guard.
 */
const MAX_ALIAS_HOPS = 100;

/** The id of the record an id stands for now, following aliases (the id itself when it is no alias). */
export async function resolveProspectId(store: Pick<MutationStore, 'get'>, id: string): Promise<string> {
  const [resolved] = await resolveProspectIds((keys) => Promise.all(keys.map((key) => store.get('aliases', key))), [id]);
  return resolved!;
}

/** `resolveProspectId` for many ids: one batched read of aliases per hop, however many ids. */
export async function resolveProspectIds(aliasesOf: (ids: string[]) => Promise<({ prospectId: string } | undefined)[]>, ids: readonly string[]): Promise<string[]> {
  const current = [...ids];
  let pending = current.map((_, i) => i);
  for (let hops = 0; hops < MAX_ALIAS_HOPS && pending.length > 0; hops++) {
    const aliases = await aliasesOf(pending.map((i) => current[i]!));
    pending = pending.filter((i, j) => {
      const alias = aliases[j];
      if (alias) current[i] = alias.prospectId;
      return alias !== undefined;
    });
  }
  return current;
}

/** The person an id names, following aliases to the record the team kept. */
export async function resolveProspect(store: MutationStore, id: string) {
  const prospect = await store.get('prospects', await resolveProspectId(store, id));
  return prospect && prospect.deletedAt === null ? prospect : undefined;
}

/**
 * Refuses a client-given id for a new row when a row of `table` already has it. Ids are made
 * on devices, so a member can name one they have seen: never reusing them is what keeps one
 * member from overwriting another's row. A retried push never gets here (the server skips it by
 * mutation id); a device replaying a pending change whose rows a pull already brought is refused
 * quietly (replays leave judging to the server) and keeps the server's rows.
 */
export async function requireUnusedId(store: MutationStore, mutation: string, table: SyncedTable, id: string): Promise<void> {
  if (await store.get(table, id)) throw new IdInUse(mutation, `its id is already used by another ${ENTITIES[table].noun}`);
}
