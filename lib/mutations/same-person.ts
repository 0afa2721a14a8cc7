import {
  MAX_PERSON_EMAILS as MAX_EMAILS,
  MAX_PERSON_PROFILES as MAX_PROFILES,
  ProspectAttachProfileArgs,
  ProspectMergeArgs,
  SITE_NAMES,
  canAttachProfile,
  canMergePeople,
  type Prospect,
} from '@/lib/model';
import { MutationRefused, NO_CHANGE, defineMutation, requireUnusedId, resolveProspect } from './define';
import type { MutationStore } from './store';

/** A person's record holds so many profiles and addresses; past that the change is refused, nothing dropped. */
function requireRoom(mutation: string, profiles: readonly unknown[], emails: readonly string[]) {
  if (profiles.length > MAX_PROFILES) throw new MutationRefused(mutation, `one person holds at most ${MAX_PROFILES} profiles`);
  if (emails.length > MAX_EMAILS) throw new MutationRefused(mutation, `one person holds at most ${MAX_EMAILS} email addresses`);
}

type Details = Pick<Prospect, 'headline' | 'company' | 'location'>;

/** The person's details, with what they lack taken from `other`: what they have stays theirs. */
export const gapsFilled = (person: Details, other: Details): Details => ({
  headline: person.headline ?? other.headline,
  company: person.company ?? other.company,
  location: person.location ?? other.location,
});

type Profile = Prospect['profiles'][number];

/** The person's profile on the page's site other than the page's: two ids on one site are two people until merged. */
export const otherProfileOn = (person: Prospect, page: Pick<Profile, 'site' | 'key'>) => person.profiles.find((p) => p.site === page.site && p.key !== page.key);

/** Profiles with `refs` added, each replacing the one with its key (a newer URL), every key once. */
export function profilesWith(profiles: readonly Profile[], refs: readonly Profile[]): Profile[] {
  const byKey = new Map(profiles.map((p) => [p.key, p]));
  for (const ref of refs) byKey.set(ref.key, ref);
  return [...byKey.values()];
}

/** Addresses in order, each once (they are stored lower-cased). */
export const union = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])];

/**
 * Stores the person's record as `next` unless nothing changed (a page seen again writes nothing);
 * `updatedAt` never goes back, whatever the change's time. Whether it wrote.
 */
export async function putPersonIfChanged(store: MutationStore, person: Prospect, next: Prospect, at: number): Promise<boolean> {
  if (JSON.stringify(next) === JSON.stringify(person)) return false;
  await store.put('prospects', { ...next, updatedAt: Math.max(at, person.updatedAt) });
  return true;
}

/**
 * "This page is that person": the page's profile, and the emails it shows, join a person the
 * team already has, so its feed, notes, guard and reviews are theirs. Their name stays (the page's
 * may be a stand-in); their other details are only filled where they have none. A profile that
 * is already someone else's is refused: that is two records of one person, for a merge.
 */
export const prospectAttachProfile = defineMutation({
  name: 'prospect.attachProfile',
  title: 'Adding a profile to a person',
  args: ProspectAttachProfileArgs,
  async apply(store, { prospectId, identity, at }, { actor }) {
    if (!canAttachProfile(actor.role)) throw new MutationRefused('prospect.attachProfile', 'hiring managers cannot add profiles to people; ask a recruiter or sourcer');
    const person = await resolveProspect(store, prospectId);
    if (!person) throw new MutationRefused('prospect.attachProfile', 'no such person');
    const owner = await store.findProspectByKey(identity.key);
    if (owner && owner.id !== person.id) {
      throw new MutationRefused('prospect.attachProfile', `this ${SITE_NAMES[identity.site]} profile already belongs to ${owner.name} in the team; merge the two people instead`);
    }
    const sameSite = otherProfileOn(person, identity);
    if (sameSite) {
      throw new MutationRefused('prospect.attachProfile', `${person.name} already has another ${SITE_NAMES[identity.site]} profile; two profiles on one site are two people until someone merges them`);
    }
    const ref = { site: identity.site, key: identity.key, url: identity.url };
    const profiles = profilesWith(person.profiles, [ref]);
    const emails = union(person.emails, identity.emails ?? []);
    requireRoom('prospect.attachProfile', profiles, emails);
    const next: Prospect = { ...person, ...gapsFilled(person, identity), profiles, emails };
    return (await putPersonIfChanged(store, person, next, at)) ? person.id : NO_CHANGE;
  },
});

/**
 * Two records of one person become one. `fromId` becomes an alias of `intoId` (its record a
 * tombstone), so every write and read that names either lands on the one who stays: their
 * feeds, notes, follow-ups, pipeline and reviews show together, nothing is rewritten. The
 * record that stays gains the other's profiles and emails, and the stricter do-not-contact.
 * A merge of people who are already one (another device merged them first, either way
 * round) changes nothing, so two devices merging offline converge.
 */
export const prospectMerge = defineMutation({
  name: 'prospect.merge',
  title: 'Merging two people',
  args: ProspectMergeArgs,
  async apply(store, { intoId, fromId, activityId, at }, { actor }) {
    if (!canMergePeople(actor.role)) throw new MutationRefused('prospect.merge', 'only recruiters and admins can merge people');
    const into = await resolveProspect(store, intoId);
    const from = await resolveProspect(store, fromId);
    if (!into || !from) throw new MutationRefused('prospect.merge', 'no such person');
    if (into.id === from.id) return NO_CHANGE;
    const profiles = [...into.profiles, ...from.profiles.filter((p) => !into.profiles.some((q) => q.key === p.key))];
    const emails = union(into.emails, from.emails);
    requireRoom('prospect.merge', profiles, emails);
    await requireUnusedId(store, 'prospect.merge', 'activities', activityId);
    await store.put('prospects', {
      ...into,
      ...gapsFilled(into, from),
      profiles,
      emails,
      // Either mark means "do not contact"; the one who stays keeps theirs when both have one.
      doNotContact: into.doNotContact ?? from.doNotContact,
      createdAt: Math.min(into.createdAt, from.createdAt),
      // Whoever stored the person first added them (the Article 14 clock runs from then).
      createdBy: from.createdAt < into.createdAt ? from.createdBy : into.createdBy,
      updatedAt: Math.max(at, into.updatedAt, from.updatedAt),
    });
    await store.put('prospects', { ...from, deletedAt: at, updatedAt: Math.max(at, from.updatedAt) });
    await store.put('aliases', { id: from.id, deletedAt: null, prospectId: into.id });
    await store.put('activities', { id: activityId, deletedAt: null, prospectId: into.id, actorId: actor.memberId, at, requisitionId: null, kind: 'merged', data: { fromId: from.id, fromName: from.name } });
    return into.id;
  },
});
