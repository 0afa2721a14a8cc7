import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TandemDB } from '@/lib/db/database';
import { orderByLastActivity } from '@/lib/db/people-order';
import { matchText, searchPeople } from '@/lib/db/people-search';
import { type Activity, NO_FILTERS, type Note, type PeopleFilters, type Prospect, type ReviewDecision } from '@/lib/model';
import { day, move, requisition } from '../metrics/fixtures';
import { arrived, freshDb } from '../../support/db';

const ME = { memberId: 'ME', teamId: 'team' };
const synced = { teamId: 'team', version: 1, deletedAt: null };

function person(id: string, name: string, patch: Partial<Prospect> = {}): Prospect {
  return { ...synced, id, name, headline: null, company: null, location: null, profiles: [], emails: [], doNotContact: null, createdAt: 1, updatedAt: 1, ...patch };
}

function note(id: string, prospectId: string, body: string, patch: Partial<Note> = {}): Note {
  return { ...synced, id, prospectId, authorId: 'ME', body, visibility: 'team', mentions: [], createdAt: 1, editedAt: null, ...patch };
}

function activity(id: string, prospectId: string, at: number, kind: 'viewed' | 'outreach' | 'dnc_set' | 'dnc_cleared' = 'viewed'): Activity {
  const data = kind === 'outreach' ? { channel: 'email' } : kind === 'dnc_set' ? { reason: 'asked' } : {};
  return { ...synced, id, prospectId, actorId: 'ME', at, requisitionId: null, kind, data } as Activity;
}

function decision(id: string, prospectId: string, verdict: 'approve' | 'reject', met: string[], missing: string[]): ReviewDecision {
  return { ...synced, id, requestId: 'RQ', prospectId, reviewerId: 'HM', verdict, met, missing, note: '', decidedAt: 1, activityId: `A${id}` };
}

const filters = (patch: Partial<PeopleFilters>): PeopleFilters => ({ ...NO_FILTERS, ...patch });
const names = async (text: string, f: Partial<PeopleFilters> = {}, limit = 50) => (await searchPeople(db, ME, text, filters(f), limit)).results.map((r) => r.person.name);

let db: TandemDB;
beforeEach(async () => {
  db = freshDb();
  await arrived(
    db,
    'prospects',
    person('P1', 'José Núñez', { headline: 'Staff Engineer', company: 'Analytical Engines', location: 'Zürich', profiles: [{ site: 'linkedin', key: 'linkedin:jose', url: 'https://www.linkedin.com/in/jose/' }] }),
    person('P2', 'Ada Lovelace', { headline: 'Engineering manager', company: 'Babbage & Co', profiles: [{ site: 'greenhouse', key: 'greenhouse:12', url: 'https://app.greenhouse.io/people/12' }] }),
    person('P3', 'Grace Hopper', { location: 'Arlington' }),
    person('P4', 'Old Record', { deletedAt: 9 }),
  );
});
afterEach(() => db.close());

describe('People search: words', () => {
  it('finds people by the start of any word of their name, headline, company or location, accents and case aside', async () => {
    expect(await names('nunez')).toEqual(['José Núñez']);
    expect(await names('ZUR')).toEqual(['José Núñez']);
    expect(await names('babb')).toEqual(['Ada Lovelace']);
    expect((await names('eng')).sort()).toEqual(['Ada Lovelace', 'José Núñez']);
    // Every word typed must match, in any field.
    expect(await names('eng manager')).toEqual(['Ada Lovelace']);
    expect(await names('eng hopper')).toEqual([]);
  });

  it('finds people by note text the member may read: team notes and their own private ones, never another member’s', async () => {
    await arrived(
      db,
      'notes',
      note('N1', 'P3', 'Great Kubernetes operator, open to relocation'),
      note('N2', 'P1', 'Kubernetes secret: wants remote', { visibility: 'private', authorId: 'SOMEONE-ELSE' }),
      note('N3', 'P2', 'my own private kubernetes remark', { visibility: 'private', authorId: 'ME' }),
      note('N4', 'P1', 'kubernetes (deleted)', { deletedAt: 4 }),
    );
    expect((await names('kubern')).sort()).toEqual(['Ada Lovelace', 'Grace Hopper']);
    expect(await names('relocation grace')).toEqual(['Grace Hopper']);
  });

  it('reads notes only from a word’s third letter, so one letter does not read every note', async () => {
    await arrived(db, 'notes', note('N1', 'P3', 'zz top fan'));
    expect(await matchText(db, 'ME', 'z')).toEqual(new Set(['P1'])); // Zürich, not the note
    expect(await matchText(db, 'ME', 'zz')).toEqual(new Set());
    await arrived(db, 'notes', note('N2', 'P3', 'zzz'));
    expect(await matchText(db, 'ME', 'zzz')).toEqual(new Set(['P3']));
  });

  it('indexes a note by its words of three letters or more only: shorter ones could never match', async () => {
    await arrived(db, 'notes', note('N3', 'P3', 'Met him at an AI meetup in Oslo, go for it'));
    expect((await db.noteWords.filter((row) => row.ids.includes('N3')).toArray()).map((row) => row.word).sort()).toEqual(['for', 'him', 'meetup', 'met', 'oslo']);
    expect(await matchText(db, 'ME', 'meetu')).toEqual(new Set(['P3']));
  });

  it('finds a note written under an id since merged into another person', async () => {
    await arrived(db, 'aliases', { ...synced, id: 'OLD', prospectId: 'P2' });
    await arrived(db, 'notes', note('N1', 'OLD', 'met at the fortran meetup'));
    expect(await names('fortran')).toEqual(['Ada Lovelace']);
  });

  it('leaves out merged-away records and other teams’ people', async () => {
    await arrived(db, 'prospects', person('P5', 'Record Elsewhere', { teamId: 'other' }));
    expect(await names('record')).toEqual([]);
    // A tombstone is not in the word index at all, so it is not counted either.
    expect(await matchText(db, 'ME', 'old')).toEqual(new Set());
    expect((await searchPeople(db, ME, 'record', NO_FILTERS, 50)).total).toBe(1);
  });
});

describe('People search: filters', () => {
  it('by requisition, and by the furthest stage reached in it (moving back does not undo it)', async () => {
    await arrived(db, 'requisitions', requisition({ id: 'REQ' }));
    await arrived(db, 'pipeline', ...['P1', 'P2'].map((p) => ({ ...synced, id: `E${p}`, prospectId: p, requisitionId: 'REQ', stage: 'Screen', status: 'active' as const, reason: null, declinedOffer: null, updatedAt: 1 })));
    await arrived(db, 'activities', move('P1', 0, null, 'Sourced'), move('P1', 1, 'Sourced', 'Onsite'), move('P1', 2, 'Onsite', 'Screen'), move('P2', 0, null, 'Screen'));
    expect((await names('', { requisitionId: 'REQ' })).sort()).toEqual(['Ada Lovelace', 'José Núñez']);
    expect(await names('', { requisitionId: 'REQ', reachedStage: 'Onsite' })).toEqual(['José Núñez']);
    expect((await names('', { requisitionId: 'REQ', reachedStage: 'Screen' })).sort()).toEqual(['Ada Lovelace', 'José Núñez']);
  });

  it('by verdict and by a scorecard item met or missing, on the same decision', async () => {
    await arrived(db, 'reviewDecisions', decision('D1', 'P1', 'approve', ['Go'], ['Kubernetes']), decision('D2', 'P2', 'reject', ['Kubernetes'], []));
    expect(await names('', { verdict: 'approve' })).toEqual(['José Núñez']);
    expect(await names('', { scorecardItem: 'kubernetes', scorecardState: 'met' })).toEqual(['Ada Lovelace']);
    expect(await names('', { scorecardItem: 'Kubernetes', scorecardState: 'missing' })).toEqual(['José Núñez']);
    expect(await names('', { verdict: 'approve', scorecardItem: 'Kubernetes', scorecardState: 'met' })).toEqual([]);
  });

  it('by last contact before or after a date, and never contacted', async () => {
    await arrived(db, 'activities', activity('O1', 'P1', day(1), 'outreach'), activity('O2', 'P1', day(10), 'outreach'), activity('O3', 'P2', day(3), 'outreach'), activity('V1', 'P3', day(20)));
    expect(await names('', { lastContactedBefore: day(5) })).toEqual(['Ada Lovelace']); // P1 was contacted again on day 10
    expect(await names('', { lastContactedAfter: day(5) })).toEqual(['José Núñez']);
    expect(await names('', { neverContacted: true })).toEqual(['Grace Hopper']);
    expect(await names('gra', { neverContacted: true })).toEqual(['Grace Hopper']);
  });

  it('by do-not-contact, as the last mark set or cleared says', async () => {
    await arrived(db, 'activities', activity('S1', 'P1', day(1), 'dnc_set'), activity('S2', 'P2', day(1), 'dnc_set'), activity('C2', 'P2', day(2), 'dnc_cleared'));
    expect(await names('', { doNotContact: 'only' })).toEqual(['José Núñez']);
    expect((await names('', { doNotContact: 'exclude' })).sort()).toEqual(['Ada Lovelace', 'Grace Hopper']);
  });

  it('by site, without mistaking LinkedIn Recruiter for LinkedIn', async () => {
    await arrived(db, 'prospects', person('P6', 'Recruiter Only', { profiles: [{ site: 'linkedin-recruiter', key: 'linkedin-recruiter:77', url: 'https://www.linkedin.com/talent/profile/77' }] }));
    expect(await names('', { site: 'linkedin' })).toEqual(['José Núñez']);
    expect(await names('', { site: 'greenhouse' })).toEqual(['Ada Lovelace']);
  });

  it('silver medalists: reached one of the last two stages before hire of a closed requisition, not hired', async () => {
    await arrived(db, 'requisitions', requisition({ id: 'CLOSED', status: 'closed' }), requisition({ id: 'OPEN' }));
    const on = { requisitionId: 'CLOSED' };
    await arrived(
      db,
      'activities',
      move('P1', 0, null, 'Onsite', 'active', on),
      move('P1', 3, 'Onsite', 'Onsite', 'rejected', on), // reached Onsite: a silver medalist
      move('P2', 0, null, 'Offer', 'active', on),
      move('P2', 3, 'Offer', 'Hired', 'hired', on), // hired: not
      move('P3', 0, null, 'Screen', 'rejected', on), // Screen is not late
      move('P3', 1, null, 'Offer', 'withdrew', { requisitionId: 'OPEN' }), // late, but the requisition is open
    );
    expect(await names('', { silverMedalists: true })).toEqual(['José Núñez']);
  });
});

describe('People search: order and pages', () => {
  beforeEach(async () => {
    await arrived(db, 'activities', activity('A1', 'P1', day(1)), activity('A2', 'P2', day(5)), activity('A3', 'P1', day(3)));
  });

  it('orders by last activity, newest first, people with none last', async () => {
    expect(await names('')).toEqual(['Ada Lovelace', 'José Núñez', 'Grace Hopper']);
    expect(await names('', {}, 2)).toEqual(['Ada Lovelace', 'José Núñez']);
  });

  it('gives the same order whether it walks the feed or looks each person up', async () => {
    const people = new Set(['P1', 'P2', 'P3']);
    const perPerson = await orderByLastActivity(db, people, 2, 1e9); // a huge feed to walk: one lookup each
    const walked = await orderByLastActivity(db, people, 2, 0); // no feed to speak of: walk it
    expect(perPerson.ids).toEqual(['P2', 'P1']);
    expect(walked.ids).toEqual(['P2', 'P1']);
    expect(walked.lastActivityAt.get('P1')).toBe(day(3));
    expect(perPerson.lastActivityAt.get('P1')).toBe(day(3));
  });

  it('walks the feed in steps without losing entries that share a time across a step', async () => {
    const people = Array.from({ length: 120 }, (_, i) => `Q${String(i).padStart(3, '0')}`);
    // 1,300 entries, three at each time, spread over the people: steps of 500 split the ties.
    await arrived(db, 'activities', ...Array.from({ length: 1300 }, (_, k) => activity(`W${k}`, people[(k * 37) % people.length]!, day(1) + Math.floor(k / 3))));
    const set = new Set(people);
    const perPerson = await orderByLastActivity(db, set, 100, 1e9);
    const walked = await orderByLastActivity(db, set, 100, 0);
    expect(walked.ids).toHaveLength(100);
    expect(walked.ids.map((id) => walked.lastActivityAt.get(id))).toEqual(perPerson.ids.map((id) => perPerson.lastActivityAt.get(id)));
    expect(new Set(walked.ids)).toEqual(new Set(perPerson.ids));
  });

  it('walks people in steps without losing or repeating any, when more share one time than a step holds', async () => {
    // 1,200 people: 700 of them at one time, straddling steps of 500.
    const people = Array.from({ length: 1200 }, (_, i) => `T${String(i).padStart(4, '0')}`);
    const at = (i: number) => (i >= 400 && i < 1100 ? day(50) : day(40) + i);
    await arrived(db, 'activities', ...people.map((id, i) => activity(`TA${i}`, id, at(i))));
    const set = new Set(people);
    const perPerson = await orderByLastActivity(db, set, 1000, 1e12);
    const walked = await orderByLastActivity(db, set, 1000, 0);
    expect(walked.ids).toEqual(perPerson.ids);
    expect(new Set(walked.ids).size).toBe(1000);
    expect(walked.ids.map((id) => walked.lastActivityAt.get(id))).toEqual(perPerson.ids.map((id) => perPerson.lastActivityAt.get(id)));
  });

  it('returns one page and counts every match', async () => {
    const page = await searchPeople(db, ME, 'e', NO_FILTERS, 1); // Engineer, Engineering
    expect(page.results.map((r) => [r.person.name, r.lastActivityAt])).toEqual([['Ada Lovelace', day(5)]]);
    expect(page.total).toBe(2);
  });
});
