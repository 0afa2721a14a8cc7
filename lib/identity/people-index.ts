import { nameKey, normalizeEmail } from './normalize';
import { type Lookups, type MatchResult, type PersonRecord, lookupsFor, matchIdentity } from './match';
import type { ProspectIdentity } from '@/lib/model';

/**
 * The team's people indexed by profile key, email and name, built once: matching a page
 * then reads a few map entries instead of every person. The device asks Dexie's indexes the
 * same questions (lib/prospects/page-match.ts); the decision is `matchIdentity` either way.
 */
export class PeopleIndex {
  private readonly byId = new Map<string, PersonRecord>();
  private readonly byKey = new Map<string, string>();
  private readonly byEmail = new Map<string, string[]>();
  private readonly byName = new Map<string, string[]>();

  constructor(people: Iterable<PersonRecord>) {
    for (const person of people) {
      this.byId.set(person.id, person);
      for (const p of person.profiles) this.byKey.set(p.key, person.id);
      for (const e of person.emails) push(this.byEmail, normalizeEmail(e), person.id);
      const name = nameKey(person.name);
      if (name !== null) push(this.byName, name, person.id);
    }
  }

  get size(): number {
    return this.byId.size;
  }

  /** The people the lookups find: by key, by email, by name. */
  candidates(lookups: Lookups): PersonRecord[] {
    const ids = new Set<string>();
    for (const k of lookups.keys) {
      const id = this.byKey.get(k);
      if (id) ids.add(id);
    }
    for (const e of lookups.emails) for (const id of this.byEmail.get(e) ?? []) ids.add(id);
    if (lookups.nameKey !== null) for (const id of this.byName.get(lookups.nameKey) ?? []) ids.add(id);
    return [...ids].map((id) => this.byId.get(id)!);
  }

  match(identity: ProspectIdentity): MatchResult {
    return matchIdentity(identity, this.candidates(lookupsFor(identity)));
  }
}

function push(map: Map<string, string[]>, key: string, id: string) {
  const list = map.get(key);
  if (list) list.push(id);
  else map.set(key, [id]);
}
