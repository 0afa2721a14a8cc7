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
    /** What each loaded mutation's arguments name, found once for the load and the check. */
    private readonly named: Map<unknown, Named>,
  ) {}

  /** Loads what the arguments of these mutations could name. */
  static async load(q: Queryable, teamId: string, args: unknown[]): Promise<Forgotten> {
    const secret = await teamSecret(q, teamId);
    const named = new Map(args.map((a) => [a, namedBy(secret, a)]));
    const ids = [...new Set([...named.values()].flatMap((n) => n.ids))];
    const hashes = [...named.values()].flatMap((n) => n.hashes);
    return new Forgotten(secret, await erasedAmong(q, teamId, ids), await suppressedAmong(q, teamId, hashes), named);
  }

  /** Why a mutation with these arguments is refused, or null. */
  reasonFor(args: unknown): string | null {
    const { ids, hashes } = this.named.get(args) ?? namedBy(this.secret, args);
    if (ids.some((id) => this.erased.has(id))) return ERASED_REASON;
    if (hashes.some((h) => this.suppressed.has(h))) return SUPPRESSED_REASON;
    return null;
  }

  /** An erasure earlier in the same push: what it deleted and suppressed counts for the mutations after it. */
  learn(erasedIds: readonly string[], suppressedHashes: readonly string[]): void {
    for (const id of erasedIds) this.erased.add(id);
    for (const hash of suppressedHashes) this.suppressed.add(hash);
  }
}

interface Named {
  ids: string[];
  hashes: string[];
}

const namedBy = (secret: string, args: unknown): Named => ({ ids: referenced([args]).ids, hashes: identifiersIn(args).map((i) => suppressionHash(secret, i)) });
