import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import { activityText } from '@/components/activity/activity-text';
import { Activity } from '@/lib/model';
import { plainText } from '@/lib/text-parts';

const requisitionId = ulid();
const move = (data: object) => Activity.parse({ id: ulid(), teamId: 't', version: 1, deletedAt: null, prospectId: ulid(), actorId: ulid(), at: 1, requisitionId, kind: 'stage_changed', data });
const text = (data: object, known = true) =>
  plainText(activityText(move(data), () => 'Riley', undefined, known ? { person: () => 'Ada', requisition: (id) => (id === requisitionId ? 'Staff Platform Engineer' : undefined) } : {}));

describe('the feed’s words for a pipeline move', () => {
  it.each([
    [{ from: null, to: 'Sourced' }, 'added Ada to Staff Platform Engineer at Sourced'],
    [{ from: 'Screen', fromStatus: 'active', to: 'Onsite' }, 'moved Ada to Onsite for Staff Platform Engineer'],
    [{ from: 'Offer', fromStatus: 'active', to: 'Offer', status: 'hired' }, 'marked Ada hired for Staff Platform Engineer'],
    [{ from: 'Onsite', to: 'Onsite', status: 'rejected', reason: 'Not enough Go' }, 'rejected Ada for Staff Platform Engineer: Not enough Go'],
    [{ from: 'Screen', to: 'Screen', status: 'withdrew', reason: 'Took another job' }, 'noted Ada withdrew from Staff Platform Engineer: Took another job'],
    [{ from: 'Offer', to: 'Offer', status: 'withdrew', declinedOffer: 'compensation' }, 'noted Ada withdrew from Staff Platform Engineer: declined the offer (compensation)'],
    [{ from: 'Offer', to: 'Offer', status: 'withdrew', declinedOffer: 'other', reason: 'Moving abroad' }, 'noted Ada withdrew from Staff Platform Engineer: declined the offer (another reason) — “Moving abroad”'],
    [{ from: 'Onsite', fromStatus: 'rejected', to: 'Screen' }, 'reopened Ada for Staff Platform Engineer at Screen'],
  ])('%j → %s', (data, expected) => {
    expect(text(data)).toBe(expected);
  });

  it('says "them" and leaves the requisition out while they are unknown, also for a row from before status was recorded', () => {
    expect(text({ from: 'Screen', to: 'Onsite' }, false)).toBe('moved them to Onsite');
    expect(text({ from: null, to: 'Sourced' }, false)).toBe('added them at Sourced');
  });
});
