import type { TandemDB } from './database';

/** A set of people's ids; null stands for everyone. */
export type PeopleSet = ReadonlySet<string> | null;

/** The merges on the device: the ids merged into someone, and the person each id stands for now. */
export interface Merges {
  aliasIds: readonly string[];
  /** Follows merges (aliases chain; a person's old id keeps its rows). */
  resolve: (id: string) => string;
}

export async function readMerges(db: TandemDB): Promise<Merges> {
  const into = new Map((await db.aliases.toArray()).filter((a) => a.deletedAt === null).map((a) => [a.id, a.prospectId]));
  const resolve = (id: string) => {
    let current = id;
    for (let hops = 0; hops < 20 && into.has(current); hops++) current = into.get(current)!;
    return current;
  };
  return { aliasIds: [...into.keys()], resolve: into.size === 0 ? (id) => id : resolve };
}

export function intersect(a: PeopleSet, b: PeopleSet): PeopleSet {
  if (a === null) return b;
  if (b === null) return a;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  return new Set([...small].filter((id) => large.has(id)));
}
