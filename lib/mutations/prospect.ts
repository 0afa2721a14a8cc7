import { ulid } from 'ulidx';
import { z } from 'zod';
import { toProspectRow } from '@/lib/db/database';
import { findProspectByKey } from '@/lib/db/queries';
import { Id, ProspectIdentity, Timestamp, canSetDoNotContact, shortText, type Prospect } from '@/lib/model';
import { MutationRefused, NO_CHANGE, defineMutation } from './define';

const IdDefault = Id.default(() => ulid());
const Now = Timestamp.default(() => Date.now());

/**
 * Records the person a page shows: creates them the first time, refreshes their details and
 * profile URL when the page says something new, and otherwise writes nothing.
 */
export const prospectUpsert = defineMutation({
  name: 'prospect.upsert',
  args: z.object({ id: IdDefault, identity: ProspectIdentity, at: Now }),
  async apply(db, { id, identity, at }, { me }) {
    const existing = await findProspectByKey(db, identity.key);
    const ref = { site: identity.site, key: identity.key, url: identity.url };
    if (!existing) {
      const created: Prospect = {
        id,
        teamId: me.teamId,
        version: 0,
        deletedAt: null,
        name: identity.name,
        headline: identity.headline,
        company: identity.company,
        location: identity.location,
        profiles: [ref],
        emails: [],
        doNotContact: null,
        createdAt: at,
        updatedAt: at,
      };
      await db.prospects.add(toProspectRow(created));
      return created.id;
    }
    const profiles = existing.profiles.map((p) => (p.key === ref.key ? ref : p));
    const next: Prospect = {
      ...existing,
      name: identity.name,
      headline: identity.headline ?? existing.headline,
      company: identity.company ?? existing.company,
      location: identity.location ?? existing.location,
      profiles,
    };
    if (JSON.stringify(next) === JSON.stringify(existing)) return NO_CHANGE;
    await db.prospects.put(toProspectRow({ ...next, updatedAt: at }));
    return existing.id;
  },
});

export const prospectSetDoNotContact = defineMutation({
  name: 'prospect.setDoNotContact',
  args: z.object({
    prospectId: Id,
    /** A reason marks the person do-not-contact; null clears it. */
    reason: shortText(500).min(1, 'a reason is required').nullable(),
    activityId: IdDefault,
    at: Now,
  }),
  async apply(db, { prospectId, reason, activityId, at }, { me }) {
    if (!canSetDoNotContact(me.role)) {
      throw new MutationRefused('prospect.setDoNotContact', 'only recruiters and admins can change do-not-contact');
    }
    const row = await db.prospects.get(prospectId);
    if (!row || row.deletedAt !== null) throw new MutationRefused('prospect.setDoNotContact', 'no such person');
    if (reason === null && row.doNotContact === null) return NO_CHANGE;
    const doNotContact = reason === null ? null : { reason, by: me.memberId, at };
    await db.prospects.put({ ...row, doNotContact, updatedAt: at });
    const base = { id: activityId, teamId: me.teamId, version: 0, deletedAt: null, prospectId, actorId: me.memberId, at, requisitionId: null };
    await db.activities.add(
      reason === null ? { ...base, kind: 'dnc_cleared', data: {} } : { ...base, kind: 'dnc_set', data: { reason } },
    );
    return activityId;
  },
});
