import { ulid } from 'ulidx';
import { plainText } from '@/lib/text-parts';
import { isOverdue } from '@/lib/deadlines';
import { describe, expect, it } from 'vitest';
import type { Requisition, ReviewDecision, ReviewRequest } from '@/lib/model';
import {
  eventText,
  formatDay,
  intakeSummaryText,
  latenessText,
  progressText,
  requestResultText,
  requestStatusText,
  resultText,
  tallyRequest,
  type Names,
} from '@/lib/review/summaries';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SENT = Date.UTC(2025, 5, 2, 9, 0); // Mon 2 Jun 2025, 09:00 UTC

const riley = ulid();
const hana = ulid();
const sam = ulid();
const rob = ulid();
const people = Array.from({ length: 8 }, () => ulid());
const personNames = ['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'Edsger Dijkstra', 'Barbara Liskov', 'Donald Knuth', 'Frances Allen', 'Ken Thompson'];

const names: Names = {
  member: (id) => ({ [riley]: 'Riley Recruiter', [hana]: 'Hana Manager', [sam]: 'Sam Senior', [rob]: 'Rob Recruiter' })[id] ?? 'A former teammate',
  person: (id) => personNames[people.indexOf(id)] ?? 'Someone removed',
};

function requisition(patch: Partial<Requisition> = {}): Requisition {
  return {
    id: ulid(),
    teamId: 'local',
    version: 0,
    deletedAt: null,
    title: 'Senior Backend Engineer',
    hiringManagerId: hana,
    recruiterIds: [riley, rob],
    mustHaves: ['Postgres', 'Go', 'On-call experience'],
    niceToHaves: ['Kubernetes'],
    feedbackSlaHours: 48,
    targetHires: 2,
    targetDate: Date.UTC(2025, 10, 28),
    stages: ['Sourced', 'Screen', 'Onsite', 'Offer'],
    status: 'open',
    createdAt: SENT - DAY,
    ...patch,
  };
}

function request(patch: Partial<ReviewRequest> = {}): ReviewRequest {
  return {
    id: ulid(),
    teamId: 'local',
    version: 0,
    deletedAt: null,
    requisitionId: ulid(),
    requesterId: riley,
    reviewerId: hana,
    prospectIds: people,
    message: '',
    createdAt: SENT,
    dueAt: SENT + 48 * HOUR,
    status: 'open',
    reassignedFrom: null,
    history: [],
    ...patch,
  };
}

let clock = SENT;
function decision(prospectId: string, verdict: 'approve' | 'reject', patch: Partial<ReviewDecision> = {}): ReviewDecision {
  clock += HOUR;
  return {
    id: ulid(),
    teamId: 'local',
    version: 0,
    deletedAt: null,
    requestId: ulid(),
    prospectId,
    reviewerId: hana,
    verdict,
    met: [],
    missing: [],
    note: '',
    decidedAt: clock,
    activityId: ulid(),
    ...patch,
  };
}

const SCORECARD = ['Postgres', 'Go', 'On-call experience', 'Kubernetes'];

describe('tallyRequest', () => {
  it('counts decisions and finds the reason most often missing among rejections', () => {
    const decisions = [
      decision(people[0]!, 'approve', { met: ['Postgres'] }),
      decision(people[1]!, 'reject', { missing: ['Go', 'Postgres'] }),
      decision(people[2]!, 'reject', { missing: ['Postgres'] }),
      decision(people[3]!, 'approve', { missing: ['Go'] }), // an approval's gaps are not a reason
      decision(people[4]!, 'approve'),
    ];
    const tally = tallyRequest(request(), decisions, SCORECARD);
    expect(tally).toMatchObject({ total: 8, decided: 5, approved: 3, rejected: 2, topReason: 'Postgres' });
    expect(tally.waiting).toEqual(people.slice(5));
    expect(progressText(tally)).toBe('5 of 8 decided');
    expect(resultText(tally)).toBe('3 approved, 2 rejected; most given reason: Postgres');
  });

  it('breaks a tie with the scorecard order, then with the reason given first', () => {
    const tie = [decision(people[0]!, 'reject', { missing: ['Kubernetes'] }), decision(people[1]!, 'reject', { missing: ['Go'] })];
    expect(tallyRequest(request(), tie, SCORECARD).topReason).toBe('Go');
    const offCard = [decision(people[0]!, 'reject', { missing: ['Rust'] }), decision(people[1]!, 'reject', { missing: ['Kubernetes'] })];
    expect(tallyRequest(request(), offCard, SCORECARD).topReason).toBe('Kubernetes');
    const bothOffCard = [decision(people[0]!, 'reject', { missing: ['Rust'] }), decision(people[1]!, 'reject', { missing: ['Java'] })];
    expect(tallyRequest(request(), bothOffCard, SCORECARD).topReason).toBe('Rust');
  });

  it('counts an item once per rejection and the latest standing decision once per person', () => {
    const first = decision(people[0]!, 'reject', { missing: ['Go', 'Go'] });
    const decisions = [
      first,
      decision(people[1]!, 'reject', { missing: ['Postgres'] }),
      decision(people[2]!, 'reject', { missing: ['Postgres'] }),
      decision(people[0]!, 'approve', { decidedAt: first.decidedAt - 1 }), // older: ignored
      decision(people[3]!, 'reject', { missing: ['Go'], deletedAt: SENT }), // undone
      decision(ulid(), 'reject', { missing: ['Go'] }), // not in this request
    ];
    const tally = tallyRequest(request(), decisions, SCORECARD);
    expect(tally).toMatchObject({ decided: 3, approved: 0, rejected: 3, topReason: 'Postgres' });
    expect(tally.decisions.map((d) => d.prospectId)).toEqual(people.slice(0, 3));
  });

  it('says so when nothing is decided, and leaves the reason out when rejections give none', () => {
    expect(resultText(tallyRequest(request(), [], SCORECARD))).toBe('No decisions yet');
    expect(resultText(tallyRequest(request(), [decision(people[0]!, 'reject')], SCORECARD))).toBe('0 approved, 1 rejected');
  });
});

describe('deadlines', () => {
  const due = request();
  it('an open request is overdue only after its due time', () => {
    expect(isOverdue(due, due.dueAt)).toBe(false);
    expect(isOverdue(due, due.dueAt + 1)).toBe(true);
    expect(isOverdue({ ...due, status: 'completed' }, due.dueAt + DAY)).toBe(false);
    expect(latenessText(due, due.dueAt + 2 * DAY + HOUR)).toBe('overdue by 2 days');
    expect(latenessText(due, due.dueAt - HOUR)).toBeNull();
  });

  it('describes where a request stands', () => {
    expect(requestStatusText(due, due.dueAt - 5 * HOUR, names)).toBe('open, due in 5 hours');
    expect(requestStatusText(due, due.dueAt + 3 * HOUR, names)).toBe('overdue by 3 hours');
    expect(requestStatusText({ ...due, status: 'completed' }, due.dueAt + DAY, names)).toBe('complete');
    expect(requestStatusText({ ...due, status: 'cancelled' }, 0, names)).toBe('withdrawn');
    const reassigned = { ...due, status: 'reassigned' as const, history: [{ kind: 'reassigned' as const, by: riley, at: SENT, to: sam, requestId: ulid() }] };
    expect(requestStatusText(reassigned, 0, names)).toBe('reassigned to Sam Senior');
  });
});

describe('eventText', () => {
  it('names who did what', () => {
    expect(plainText(eventText({ kind: 'nudged', by: riley, at: 0, to: null, requestId: null }, names))).toBe('Nudged by Riley Recruiter');
    expect(plainText(eventText({ kind: 'reassigned', by: riley, at: 0, to: sam, requestId: ulid() }, names))).toBe('Reassigned to Sam Senior by Riley Recruiter');
    expect(plainText(eventText({ kind: 'cancelled', by: ulid(), at: 0, to: null, requestId: null }, names))).toBe('Withdrawn by A former teammate');
  });
});

describe('intakeSummaryText', () => {
  it('writes the whole agreement as plain text', () => {
    expect(intakeSummaryText(requisition(), names)).toBe(
      [
        'Intake: Senior Backend Engineer',
        'Status: Open',
        'Hiring manager: Hana Manager',
        'Recruiters: Riley Recruiter, Rob Recruiter',
        '',
        'Must-haves:',
        '1. Postgres',
        '2. Go',
        '3. On-call experience',
        '',
        'Nice-to-haves:',
        '1. Kubernetes',
        '',
        'Feedback deadline: 48 hours after a review request is sent',
        'Target: 2 hires by 28 Nov 2025',
        'Stages: Sourced → Screen → Onsite → Offer',
      ].join('\n'),
    );
  });

  it('says what is missing rather than leaving blanks', () => {
    const text = intakeSummaryText(requisition({ recruiterIds: [], niceToHaves: [], targetHires: 1, targetDate: null, feedbackSlaHours: 1, status: 'on_hold' }), names);
    expect(text).toContain('Status: On hold');
    expect(text).toContain('Recruiters: (none)');
    expect(text).toContain('Nice-to-haves:\n(none)');
    expect(text).toContain('Feedback deadline: 1 hour after');
    expect(text).toContain('Target: 1 hire, no target date');
  });

  it('keeps the calendar day of the target date in every time zone', () => {
    expect(formatDay(Date.UTC(2025, 0, 1))).toBe('1 Jan 2025');
  });
});

describe('requestResultText', () => {
  it('gives the weekly check-in everything: who, when, counts, names, reasons and notes', () => {
    const req = request();
    const decisions = [
      decision(people[0]!, 'approve', { met: ['Postgres', 'Go'], note: 'Strong systems\nbackground' }),
      decision(people[1]!, 'reject', { missing: ['Postgres'], note: 'No database work' }),
      decision(people[2]!, 'approve'),
    ];
    const text = requestResultText({ requisition: requisition(), request: req, decisions, names, now: req.dueAt + 2 * DAY, timeZone: 'UTC' });
    expect(text).toBe(
      [
        'Senior Backend Engineer: review by Hana Manager',
        'Sent 2 Jun 2025, 09:00 by Riley Recruiter; due 4 Jun 2025, 09:00',
        'Status: overdue by 2 days',
        '3 of 8 decided: 2 approved, 1 rejected; most given reason: Postgres',
        '',
        'Approved:',
        '- Ada Lovelace (met: Postgres, Go). Note: “Strong systems background”',
        '- Grace Hopper',
        '',
        'Rejected:',
        '- Alan Turing (missing: Postgres). Note: “No database work”',
        '',
        'Waiting for a decision:',
        '- Edsger Dijkstra',
        '- Barbara Liskov',
        '- Donald Knuth',
        '- Frances Allen',
        '- Ken Thompson',
      ].join('\n'),
    );
  });

  it('reports a finished request without a waiting list, and a withdrawn one as not decided', () => {
    const two = request({ prospectIds: people.slice(0, 2), status: 'completed' });
    const decided = [decision(people[0]!, 'approve'), decision(people[1]!, 'approve')];
    const done = requestResultText({ requisition: requisition(), request: two, decisions: decided, names, now: SENT, timeZone: 'UTC' });
    expect(done).toContain('Status: complete\n2 of 2 decided: 2 approved, 0 rejected');
    expect(done).not.toContain('Waiting');
    const withdrawn = requestResultText({ requisition: requisition(), request: { ...two, status: 'cancelled' }, decisions: [], names, now: SENT, timeZone: 'UTC' });
    expect(withdrawn).toContain('Status: withdrawn\n0 of 2 decided: No decisions yet\n\nNot decided:\n- Ada Lovelace\n- Alan Turing');
  });
});
