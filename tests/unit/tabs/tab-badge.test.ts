import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BADGE_OVERDUE, type Badge, badgeFor } from '@/lib/reminders';
import { BADGE_WARNING, WarningsReport, tabBadge } from '@/lib/tabs/tab-badge';
import { type ApplyBadge, createTabBadges } from '@/lib/tabs/tab-badges';

const OVERDUE: Badge = { text: '2', color: BADGE_OVERDUE, title: 'Tandem — 2 reviews are overdue' };
const NONE = badgeFor([], 0);

describe('the badge a tab shows', () => {
  it('is the reviews’ badge on a tab whose person has no warning', () => {
    expect(tabBadge(OVERDUE, [])).toEqual(OVERDUE);
    expect(tabBadge(NONE, [])).toEqual(NONE);
  });

  it('is "!" for a warning, red when severe, with the warnings and then the reviews in its tooltip', () => {
    expect(tabBadge(NONE, ['recent_outreach'])).toEqual({ text: '!', color: BADGE_WARNING, title: 'Tandem — this profile: Already contacted' });
    expect(tabBadge(OVERDUE, ['do_not_contact', 'recent_outreach'])).toEqual({
      text: '!',
      color: BADGE_OVERDUE,
      title: 'Tandem — this profile: Do not contact, Already contacted\nTandem — 2 reviews are overdue',
    });
  });

  it('takes from the sidebar only a profile key and known kinds of warning', () => {
    expect(WarningsReport.safeParse({ profileKey: 'linkedin:ada', kinds: ['do_not_contact'] }).success).toBe(true);
    expect(WarningsReport.safeParse({ profileKey: 'linkedin:ada', kinds: ['<b>made up</b>'] }).success).toBe(false);
    expect(WarningsReport.safeParse({ profileKey: 'not a key', kinds: [] }).success).toBe(false);
  });
});

describe('badges per tab', () => {
  let shown: Map<number | 'all', Badge>;
  let closed: Set<number>;
  const apply: ApplyBadge = (badge, tabId) => {
    if (tabId !== undefined && closed.has(tabId)) return Promise.reject(new Error(`No tab with id: ${tabId}`));
    shown.set(tabId ?? 'all', badge);
    return Promise.resolve();
  };

  beforeEach(() => {
    fakeBrowser.reset();
    shown = new Map();
    closed = new Set();
  });

  it('puts a person’s warnings on their tab, and keeps them there when the reviews change', async () => {
    const badges = createTabBadges(apply);
    await badges.setWarnings(4, { profileKey: 'linkedin:ada', kinds: ['do_not_contact'] }, 'linkedin:ada');
    expect(shown.get(4)).toMatchObject({ text: '!', color: BADGE_OVERDUE });
    await badges.setReviews(OVERDUE);
    expect(shown.get('all')).toEqual(OVERDUE);
    expect(shown.get(4)).toMatchObject({ text: '!', title: expect.stringContaining('2 reviews are overdue') as unknown });
  });

  it('ignores a report about someone the tab no longer shows', async () => {
    const badges = createTabBadges(apply);
    await badges.setWarnings(4, { profileKey: 'linkedin:ada', kinds: ['recent_outreach'] }, 'linkedin:grace');
    expect(shown.has(4)).toBe(false);
  });

  it('gives the tab the reviews’ badge back when it shows someone else, and follows them from then on', async () => {
    const badges = createTabBadges(apply);
    await badges.setReviews(NONE);
    await badges.setWarnings(4, { profileKey: 'linkedin:ada', kinds: ['recent_outreach'] }, 'linkedin:ada');
    await badges.personShown(4, 'linkedin:ada');
    expect(shown.get(4)?.text).toBe('!');
    await badges.personShown(4, 'linkedin:grace');
    expect(shown.get(4)).toEqual(NONE);
    // The browser cannot clear a tab's own colour: the tab follows the reviews' badge.
    await badges.setReviews(OVERDUE);
    expect(shown.get(4)).toEqual(OVERDUE);
  });

  it('survives the service worker: a new instance knows the tabs and the reviews', async () => {
    await createTabBadges(apply).setReviews(OVERDUE);
    await createTabBadges(apply).setWarnings(4, { profileKey: 'linkedin:ada', kinds: ['recent_outreach'] }, 'linkedin:ada');
    expect(shown.get(4)?.title).toBe('Tandem — this profile: Already contacted\nTandem — 2 reviews are overdue');
  });

  it('forgets closed tabs', async () => {
    const badges = createTabBadges(apply);
    await badges.setWarnings(4, { profileKey: 'linkedin:ada', kinds: ['recent_outreach'] }, 'linkedin:ada');
    await badges.setWarnings(5, { profileKey: 'linkedin:ada', kinds: ['recent_outreach'] }, 'linkedin:ada');
    await badges.forget(4);
    closed.add(5);
    shown.clear();
    await badges.setReviews(OVERDUE);
    await badges.setReviews(NONE);
    expect([...shown.keys()]).toEqual(['all']);
  });
});
