import { TEAM_PRIVACY_ID, TeamPrivacySetArgs, canSetPrivacy, privacyChoices } from '@/lib/model';
import { MutationRefused, NO_CHANGE, defineMutation } from './define';

/** An admin sets the team's privacy choices; the one row is the same in every team. */
export const teamPrivacySet = defineMutation({
  name: 'team.privacy.set',
  title: 'A change to the privacy settings',
  args: TeamPrivacySetArgs,
  async apply(store, { at, ...choices }, { actor }) {
    if (!canSetPrivacy(actor.role)) throw new MutationRefused('team.privacy.set', 'only an admin changes the team’s privacy settings');
    const existing = await store.get('teamPrivacy', TEAM_PRIVACY_ID);
    const current = privacyChoices(existing);
    if ((Object.keys(choices) as (keyof typeof choices)[]).every((k) => choices[k] === current[k])) return NO_CHANGE;
    await store.put('teamPrivacy', { id: TEAM_PRIVACY_ID, deletedAt: null, ...choices, updatedBy: actor.memberId, updatedAt: at });
    return TEAM_PRIVACY_ID;
  },
});
