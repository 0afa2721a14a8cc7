import { describe, expect, it } from 'vitest';
import type { ReviewDecision } from '@/lib/model';
import { calibration, missingMustHaves } from '@/lib/metrics';
import { decision, request, requests, requisition } from './fixtures';

const judged = (requestId: string, prospectId: string, verdict: 'approve' | 'reject', missing: string[], deletedAt: number | null = null): ReviewDecision => ({
  ...decision(requestId, prospectId, 'HM1', 10, deletedAt),
  verdict,
  missing,
});

describe('calibration', () => {
  it('matches the hand-computed table', () => {
    // Counted: A approve; B reject (Go, Kubernetes); C reject (Go, Postgres); D approve (Postgres);
    // F reject (Go). Not counted: E's erased decision, Z's review for another requisition.
    // Approval 2 of 5; must-haves missing: Go 3, Postgres 2 (Kubernetes is only nice to have).
    const other = { ...request('R8', 'HM1', 0, ['Z'], 'completed'), requisitionId: 'OTHER' };
    const decisions = [
      judged('R1', 'A', 'approve', []),
      judged('R1', 'B', 'reject', ['Go', 'Kubernetes']),
      judged('R1', 'C', 'reject', ['Postgres', 'Go']),
      judged('R2', 'D', 'approve', ['Postgres']),
      judged('R2', 'E', 'reject', ['Go'], 1),
      judged('R4', 'F', 'reject', ['Go']),
      judged('R8', 'Z', 'reject', ['Postgres', 'Postgres']),
    ];
    const req = requisition({ mustHaves: ['Go', 'Postgres', 'On-call'], niceToHaves: ['Kubernetes'] });
    expect(calibration(req, [...requests, other], decisions)).toEqual({
      decided: 5,
      approved: 2,
      approvalRate: 2 / 5,
      missingMustHaves: [
        { item: 'Go', count: 3 },
        { item: 'Postgres', count: 2 },
      ],
    });
  });

  it('has no rate before any decision', () => {
    expect(calibration(requisition(), requests, [])).toEqual({ decided: 0, approved: 0, approvalRate: null, missingMustHaves: [] });
  });

  it('adds up the missing must-haves of several requisitions, each by its own must-haves', () => {
    // REQ: Go is a must-have (cited by B and C). OTHER: Postgres is (cited by Z twice over, once
    // per decision), Go is not (Z's Go is left out).
    const other = requisition({ id: 'OTHER', mustHaves: ['Postgres'] });
    const decisions = [judged('R1', 'B', 'reject', ['Go', 'Postgres']), judged('R1', 'C', 'reject', ['Go']), judged('R8', 'Z', 'reject', ['Postgres', 'Go']), judged('R8', 'Y', 'reject', ['Postgres'])];
    const otherRequest = { ...request('R8', 'HM1', 0, ['Z', 'Y'], 'completed'), requisitionId: 'OTHER' };
    expect(missingMustHaves([requisition({ mustHaves: ['Go'] }), other], [...requests, otherRequest], decisions)).toEqual([
      { item: 'Go', count: 2 },
      { item: 'Postgres', count: 2 },
    ]);
  });
});
