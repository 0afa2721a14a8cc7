import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { buildCheckIn } from '@/lib/reports/check-in';
import { checkInCsv } from '@/lib/reports/check-in-csv';
import { checkInMarkdown, escapeMarkdown } from '@/lib/reports/check-in-markdown';
import { input } from './check-in-fixture';

const checkIn = buildCheckIn(input);

describe('checkInMarkdown', () => {
  it('writes the hand-computed figures, rounded as the page shows them', () => {
    expect(checkInMarkdown(checkIn)).toBe(`# Weekly check-in: Backend engineer

Week 2025-W04 (against 2025-W03) · hires 1 of 2

## Pipeline

| Stage | In stage | Pass-through | Median days in stage | Top candidates |
| --- | --- | --- | --- | --- |
| Sourced | 3 | 86% (6 of 7) | 2 | Cy Young (approved), 6 days; Bo Li, 15 days; Di \\| \\*Evil\\* \\[name\\](http://x), 2 days |
| Screen (bottleneck) | 0 | 83% (5 of 6) | 3 |  |
| Onsite | 1 | 50% (2 of 4) | 1 | Ada Lovelace (approved), 8 days |
| Offer | 0 | 50% (1 of 2) | 3 |  |
| Hired | 0 |  | – |  |

## Needs action

**Hana Manager (hiring manager)**

- Decide on Bo Li — overdue by 1 day

**Riley Recruiter (recruiter)**

- Move on or close Bo Li: 15 days in Sourced (median 2)
- Move on or close Cy Young: 6 days in Sourced (median 2)
- Move on or close Ada Lovelace: 8 days in Onsite (median 1)

## Sourcing activity: 2025-W04 (2025-W03)

| Member | Viewed | Added | Outreach | Replies | Reply rate | Sent for review | Moved into a requisition |
| --- | --- | --- | --- | --- | --- | --- | --- |
| Riley Recruiter | 0 (0) | 2 (0) | 0 (0) | 0 (0) | – (–) | 0 (0) | 2 (0) |
| Sam Sourcer | 1 (2) | 1 (2) | 2 (0) | 1 (0) | 50% (–) | 0 (0) | 0 (0) |

## Feedback times

| Reviewer | Decided | Median hours | p90 hours | Within deadline | Open | Overdue |
| --- | --- | --- | --- | --- | --- | --- |
| Hana Manager (hiring manager) | 3 | 12 | 20 | 75% | 1 | 1 |

## Offer declines

- compensation: 1
`);
  });

  it('keeps a name from making a link, emphasis, HTML or a new line', () => {
    expect(escapeMarkdown('<img src=x> *a* _b_ `c` [d](e) | f\nsecond line')).toBe('\\<img src=x\\> \\*a\\* \\_b\\_ \\`c\\` \\[d\\](e) \\| f second line');
  });

  it('says so when there is nothing to act on, no sourcing, no review and no decline', () => {
    const empty = checkInMarkdown(buildCheckIn({ ...input, moves: [], requests: [], decisions: [], activities: [] }));
    expect(empty).toContain('Nothing is overdue or waiting longer than usual.');
    expect(empty).toContain('No sourcing activity logged in either week.');
    expect(empty).toContain('No reviews requested for this requisition yet.');
    expect(empty).toContain('No offer declined.');
  });
});

describe('checkInCsv', () => {
  const rows = Papa.parse<string[]>(checkInCsv(checkIn), { skipEmptyLines: true }).data;
  const value = (section: string, subject: string, figure: string) => rows.find((r) => r[0] === section && r[1] === subject && r[2] === figure)?.[3];

  it('holds the same figures, unrounded, one per row', () => {
    expect(rows[0]).toEqual(['section', 'subject', 'figure', 'value']);
    expect(value('pipeline', 'Sourced', 'pass-through')).toBe(String(6 / 7));
    expect(value('pipeline', 'Screen', 'pass-through')).toBe(String(5 / 6));
    expect(value('pipeline', 'Onsite', 'median days in stage')).toBe('1');
    expect(value('pipeline', 'Hired', 'pass-through')).toBeUndefined();
    expect(value('top candidate', 'Sourced', 'Bo Li')).toBe('15');
    expect(value('needs action', 'Hana Manager (hiring manager)', 'Decide on Bo Li — overdue by 1 day')).toBe('');
    expect(value('sourcing', 'Sam Sourcer', 'Reply rate 2025-W04')).toBe('0.5');
    expect(value('sourcing', 'Sam Sourcer', 'Viewed 2025-W03')).toBe('2');
    expect(value('sourcing', 'Riley Recruiter', 'Reply rate 2025-W03')).toBe('');
    expect(value('feedback', 'Hana Manager', 'within deadline')).toBe('0.75');
    expect(value('feedback', 'Hana Manager', 'p90 hours')).toBe('20');
    expect(value('offer declines', 'compensation', 'count')).toBe('1');
  });

  it('keeps a name a spreadsheet would run as a formula as text', () => {
    const csv = checkInCsv(buildCheckIn({ ...input, people: new Map([...input.people, ['P6', '=HYPERLINK("http://x")']]) }));
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
  });
});
