import type { z } from 'zod';
import type { TandemDB } from '@/lib/db/database';
import type { Me } from '@/lib/model';

/** Who runs a mutation. The same context replays it after a pull (issue 3). */
export interface MutationContext {
  me: Me;
}

/**
 * A named write. `args` are the whole input, ids and times included, so applying the same
 * args again (a replay after pull, the server's own apply) gives the same rows.
 */
export interface Mutation<Args extends z.ZodType = z.ZodType, Result = unknown> {
  name: string;
  args: Args;
  /** Runs inside the mutation's transaction; throw MutationRefused to refuse. */
  apply(db: TandemDB, args: z.output<Args>, ctx: MutationContext): Promise<Result | typeof NO_CHANGE>;
}

/** Returned by `apply` when there is nothing to write (so nothing is queued either). */
export const NO_CHANGE = Symbol('no change');

export function defineMutation<Args extends z.ZodType, Result>(m: Mutation<Args, Result>): Mutation<Args, Result> {
  return m;
}

/** A mutation refused for a reason the user can read: invalid args, not allowed, not found. */
export class MutationRefused extends Error {
  constructor(
    readonly mutation: string,
    readonly reason: string,
  ) {
    super(`${mutation}: ${reason}`);
    this.name = 'MutationRefused';
  }
}
