import type { Queryable } from '@/server/db/database';
import { suppressionHash } from '@/lib/model';
import { erasedAmong, suppressedAmong, teamSecret } from './erasure';
import { referenced } from './push-batch';

export const ERASED_REASON = 'that person was erased';
export const SUPPRESSED_REASON = 'this person asked to be forgotten: the team records nothing about them (an admin can lift the entry)';

/** The profile keys and emails a mutation's arguments carry (a page's identity, a restored person), as hashed. */
function identifiersIn(args: unknown): string[] {
  const found = new Set<string>();
  const stack: unknown[] = [args];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) stack.push(...(value as unknown[]));
    else if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      if (typeof record.key === 'string' && typeof record.site === 'string') found.add(`key:${record.key}`);
      if (Array.isArray(record.emails)) for (const e of record.emails) if (typeof e === 'string') found.add(`email:${e.trim().toLowerCase()}`);
      stack.push(...Object.values(record));
    }
  }
  return [...found];
}

/**
 * What a push must not bring back: the ids of rows an erasure deleted and the keyed hashes in the
 * team's suppression list. A mutation that names either is refused with a reason, whatever it
 * is (a note queued offline about the person, a visit to their page, a restored backup), so a
 * device's pending changes never resurrect an erased person.
 */
export class Forgotten {
  private constructor(
    private readonly secret: string,
    private readonly erased: Set<string>,
    private readonly suppressed: Set<string>,
  ) {}

  /** Loads what the arguments of these mutations could name. */
  static async load(q: Queryable, teamId: string, args: unknown[]): Promise<Forgotten> {
    const secret = await teamSecret(q, teamId);
    const hashes = args.flatMap((a) => identifiersIn(a).map((i) => suppressionHash(secret, i)));
    return new Forgotten(secret, await erasedAmong(q, teamId, referenced(args).ids), await suppressedAmong(q, teamId, hashes));
  }

  /** Why a mutation with these arguments is refused, or null. */
  reasonFor(args: unknown): string | null {
    if (referenced([args]).ids.some((id) => this.erased.has(id))) return ERASED_REASON;
    if (identifiersIn(args).some((i) => this.suppressed.has(suppressionHash(this.secret, i)))) return SUPPRESSED_REASON;
    return null;
  }

  /** An erasure earlier in the same push: what it deleted and suppressed counts for the mutations after it. */
  learn(erasedIds: readonly string[], suppressedHashes: readonly string[]): void {
    for (const id of erasedIds) this.erased.add(id);
    for (const hash of suppressedHashes) this.suppressed.add(hash);
  }
}
