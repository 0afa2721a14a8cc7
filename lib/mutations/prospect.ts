import {
  MAX_PERSON_EMAILS,
  MAX_PERSON_PROFILES,
  type ProfileRef,
  ProspectUpsertArgs,
  type ProspectIdentity,
  SetDoNotContactArgs,
  TEAM_PRIVACY_ID,
  canAttachProfile,
  canSetDoNotContact,
  doNotContactSuppressionId,
  privacyChoices,
  type Prospect,
} from '@/lib/model';
import type { MutationStore } from './store';
import { MutationRefused, NO_CHANGE, defineMutation, requireUnusedId, resolveProspect } from './define';
import { gapsFilled, otherProfileOn, profilesWith, putPersonIfChanged, union } from './same-person';
import { idsOfPerson, recordsOf, suppress } from './erasure';

/**
 * The person the team has under a profile the page links to (an ATS page's LinkedIn link), unless
 * they already have another profile on the page's site (two Greenhouse ids are two people).
 * A device that had not yet pulled a teammate's record of them would otherwise make a second one.
 */
async function linkedPerson(store: MutationStore, identity: ProspectIdentity): Promise<Prospect | undefined> {
  for (const linked of identity.sameAs ?? []) {
    const person = await store.findProspectByKey(linked.key);
    if (person && !otherProfileOn(person, identity)) return person;
  }
  return undefined;
}

/** The profiles no one in the team has yet. */
async function unowned(store: MutationStore, refs: readonly ProfileRef[]): Promise<ProfileRef[]> {
  const owners = await Promise.all(refs.map((r) => store.findProspectByKey(r.key)));
  return refs.filter((_, i) => !owners[i]);
}

/**
 * Records the person a page shows: creates them the first time, refreshes their details,
 * profile URL and emails when the page says something new, and otherwise writes nothing. If
 * the team already has the person under another id (two devices met them offline), or under a
 * profile the page links to, the new id becomes an alias of the existing record and the page's
 * profile joins theirs. A stand-in name ("Candidate 4521 on Greenhouse", a
 * blind-review pseudonym) is never stored: nobody is created under one (the page records them
 * once it shows their name, or a member attaches it to someone the team has), and a known
 * person keeps their name. Only the page of their first profile refreshes their details.
 */
export const prospectUpsert = defineMutation({
  name: 'prospect.upsert',
  title: 'A new or updated person',
  args: ProspectUpsertArgs,
  async apply(store, { id, identity, at }, { actor }) {
    // Joining a page to someone is attaching it, which hiring managers may not do (prospect.attachProfile).
    const existing = (await store.findProspectByKey(identity.key)) ?? (canAttachProfile(actor.role) ? await linkedPerson(store, identity) : undefined);
    const ref = { site: identity.site, key: identity.key, url: identity.url };
    const linked = (identity.sameAs ?? []).map(({ site, key, url }) => ({ site, key, url }));
    if (!existing) {
      if (identity.nameIsStandIn) throw new MutationRefused('prospect.upsert', 'the page does not show this person’s name yet; they are recorded once it does');
      // An alias id too: the new person would be found as the one the alias names.
      await requireUnusedId(store, 'prospect.upsert', 'prospects', id);
      await requireUnusedId(store, 'prospect.upsert', 'aliases', id);
      await store.put('prospects', {
        id,
        deletedAt: null,
        name: identity.name,
        headline: identity.headline,
        company: identity.company,
        location: identity.location,
        // The profiles it links to that nobody has are theirs too: a teammate's later visit to one finds this person.
        profiles: profilesWith([ref], await unowned(store, linked)).slice(0, MAX_PERSON_PROFILES),
        emails: [...new Set(identity.emails ?? [])],
        doNotContact: null,
        createdAt: at,
        createdBy: actor.memberId,
        updatedAt: at,
      });
      return id;
    }
    // Callers that know the person pass their id; another id was made by a device that did not.
    let aliased = false;
    if (id !== existing.id && !(await store.get('aliases', id)) && !(await store.get('prospects', id))) {
      await store.put('aliases', { id, deletedAt: null, prospectId: existing.id });
      aliased = true;
    }
    // The person's first profile describes them; the page of another of their profiles (another
    // site, a record merged in) only fills what is missing, so two pages never rename them in turn.
    const describes = existing.profiles[0]?.key === ref.key;
    const next: Prospect = {
      ...existing,
      ...(describes
        ? {
            name: identity.nameIsStandIn ? existing.name : identity.name,
            headline: identity.headline ?? existing.headline,
            company: identity.company ?? existing.company,
            location: identity.location ?? existing.location,
          }
        : gapsFilled(existing, identity)),
      profiles: profilesWith(existing.profiles, [ref]).slice(0, MAX_PERSON_PROFILES),
      emails: union(existing.emails, identity.emails ?? []).slice(0, MAX_PERSON_EMAILS),
    };
    const wrote = await putPersonIfChanged(store, existing, next, at);
    return wrote || aliased ? existing.id : NO_CHANGE;
  },
});

export const prospectSetDoNotContact = defineMutation({
  name: 'prospect.setDoNotContact',
  title: 'A do-not-contact change',
  args: SetDoNotContactArgs,
  async apply(store, { prospectId, reason, activityId, at }, { actor }) {
    if (!canSetDoNotContact(actor.role)) {
      throw new MutationRefused('prospect.setDoNotContact', 'only recruiters and admins can change do-not-contact');
    }
    const prospect = await resolveProspect(store, prospectId);
    if (!prospect) throw new MutationRefused('prospect.setDoNotContact', 'no such person');
    if (reason === null && prospect.doNotContact === null) return NO_CHANGE;
    await requireUnusedId(store, 'prospect.setDoNotContact', 'activities', activityId);
    const doNotContact = reason === null ? null : { reason, by: actor.memberId, at };
    await store.put('prospects', { ...prospect, doNotContact, updatedAt: Math.max(at, prospect.updatedAt) });
    const base = { id: activityId, deletedAt: null, prospectId: prospect.id, actorId: actor.memberId, at, requisitionId: null };
    await store.put('activities', reason === null ? { ...base, kind: 'dnc_cleared', data: {} } : { ...base, kind: 'dnc_set', data: { reason } });
    // The team may keep do-not-contact in the suppression list, which outlives the person
    // (an erasure later, a teammate sourcing them again under another profile).
    if (reason !== null && privacyChoices(await store.get('teamPrivacy', TEAM_PRIVACY_ID)).suppressOnDoNotContact) {
      await suppress(store, doNotContactSuppressionId(prospect.id), await recordsOf(store, await idsOfPerson(store, prospect.id)), at);
    }
    // Cleared: the entry do-not-contact put there goes with it (an erasure's own entry stays).
    const kept = reason === null ? await store.get('suppressions', doNotContactSuppressionId(prospect.id)) : undefined;
    if (kept && kept.deletedAt === null) await store.put('suppressions', { ...kept, deletedAt: at, hashes: [] });
    return activityId;
  },
});
