import { nameTokens } from '@/lib/identity';
import {
  MAX_SUPPRESSION_HASHES,
  ProspectEraseArgs,
  SuppressionLiftArgs,
  canErasePeople,
  canLiftSuppression,
  erasureSuppressionId,
  suppressionIdentifiers,
  type Prospect,
} from '@/lib/model';
import type { MutationStore } from './store';
import { MutationRefused, NO_CHANGE, defineMutation, resolveProspect } from './define';

/** Every id the person has had: their record's, and every id merged into it, either way along the chain. */
export async function idsOfPerson(store: MutationStore, prospectId: string): Promise<string[]> {
  const ids = new Set([prospectId]);
  let frontier = [prospectId];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const alias of await store.aliasesOf(frontier)) if (!ids.has(alias.id)) next.push(alias.id);
    for (const id of frontier) {
      const up = await store.get('aliases', id);
      if (up && !ids.has(up.prospectId)) next.push(up.prospectId);
    }
    for (const id of next) ids.add(id);
    frontier = next;
  }
  return [...ids];
}

/** The person's records under all their ids (the merged-away ones are tombstones that still list their profiles). */
export async function recordsOf(store: MutationStore, ids: readonly string[]): Promise<Prospect[]> {
  const records = await Promise.all(ids.map((id) => store.get('prospects', id)));
  return records.filter((p) => p !== undefined);
}

/** Whether the name typed or chosen is the person's: the same words in the same order, however written. */
export const namesMatch = (typed: string, name: string) => {
  const words = nameTokens(typed).join(' ');
  return words.length > 0 && words === nameTokens(name).join(' ');
};

/**
 * Keeps the memory that the person asked not to be contacted, without keeping the person: the
 * keyed hashes of their profile keys and emails, and the date. One entry per person, so erasing
 * on two devices offline writes the same one.
 */
export async function suppress(store: MutationStore, id: string, records: readonly Prospect[], at: number): Promise<void> {
  const identifiers = [...new Set(records.flatMap((p) => suppressionIdentifiers(p)))];
  const hashes = (await store.suppressionHashes(identifiers)).slice(0, MAX_SUPPRESSION_HASHES);
  await store.put('suppressions', { id, deletedAt: null, hashes, at });
}

/**
 * Erases a person everywhere: their record and every id merged into it, their feed, notes
 * (private ones too), pipeline entries, review decisions and their place in review requests,
 * follow-ups, and whatever else names them (PERSON_FIELDS). The rows are deleted, not kept as
 * tombstones; devices are told which ids to drop. What stays is the suppression entry.
 */
export async function erasePerson(store: MutationStore, person: Prospect, at: number): Promise<string[]> {
  const ids = await idsOfPerson(store, person.id);
  await suppress(store, erasureSuppressionId(person.id), await recordsOf(store, ids), at);
  await store.erasePeople(ids);
  return ids;
}

export const prospectErase = defineMutation({
  name: 'prospect.erase',
  title: 'An erasure',
  args: ProspectEraseArgs,
  async apply(store, { prospectId, confirmName, at }, { actor }) {
    if (!canErasePeople(actor.role)) throw new MutationRefused('prospect.erase', 'only recruiters and admins can erase people');
    const person = await resolveProspect(store, prospectId);
    if (!person) throw new MutationRefused('prospect.erase', 'no such person');
    // The reason does not repeat what was typed: refusals are stored, and it may be a name.
    if (!namesMatch(confirmName, person.name)) throw new MutationRefused('prospect.erase', 'the name given to confirm is not this person’s name: type it as the sidebar shows it');
    await erasePerson(store, person, at);
    return person.id;
  },
});

export const suppressionLift = defineMutation({
  name: 'suppression.lift',
  title: 'Lifting a do-not-contact entry',
  args: SuppressionLiftArgs,
  async apply(store, { id, at }, { actor }) {
    if (!canLiftSuppression(actor.role)) throw new MutationRefused('suppression.lift', 'only an admin can lift an entry of the suppression list');
    const entry = await store.get('suppressions', id);
    if (!entry) throw new MutationRefused('suppression.lift', 'no such suppression entry');
    if (entry.deletedAt !== null) return NO_CHANGE;
    // Nothing of the person is kept once lifted, not even the hashes.
    await store.put('suppressions', { id, deletedAt: at, hashes: [], at: entry.at });
    return id;
  },
});
