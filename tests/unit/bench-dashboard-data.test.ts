import { describe, expect, it } from 'vitest';
import { type DatasetChunk, datasetChunks, planDataset } from '../../bench/support/dashboard-data';
import { stageHistory } from '@/lib/metrics';
import { ENTITIES, type SyncedTable } from '@/lib/model';

const NOW = Date.UTC(2026, 10, 30, 12);
const options = { scale: 0.03, seed: 5, now: NOW };

function all(plan: ReturnType<typeof planDataset>): DatasetChunk {
  const rows: DatasetChunk = { members: [], requisitions: [], reviewRequests: [], prospects: [], activities: [], notes: [], pipeline: [], reviewDecisions: [] };
  for (const chunk of datasetChunks(plan, 700)) for (const table of Object.keys(rows) as (keyof DatasetChunk)[]) (rows[table] as unknown[]).push(...chunk[table]);
  return rows;
}

describe('the dashboard benchmark dataset', () => {
  const plan = planDataset(options);
  const rows = all(plan);

  it('has exactly the people, activities and notes of its scale', () => {
    expect([rows.prospects.length, rows.activities.length, rows.notes.length]).toEqual([3_000, 30_000, 1_500]);
    expect(rows.members).toHaveLength(20);
  });

  it('is rows the extension accepts: each parses with its entity schema, ids unique', () => {
    for (const table of Object.keys(rows) as SyncedTable[]) {
      const list = rows[table as keyof DatasetChunk] as { id: string }[];
      for (const row of list) {
        const parsed = ENTITIES[table].schema.safeParse(row);
        if (!parsed.success) throw new Error(`${table} ${row.id}: ${parsed.error.message}`);
      }
      expect(new Set(list.map((r) => r.id)).size).toBe(list.length);
    }
  });

  it('refers only to people, requests and members it holds', () => {
    const people = new Set(rows.prospects.map((p) => p.id));
    const members = new Set(rows.members.map((m) => m.id));
    const requests = new Set(rows.reviewRequests.map((r) => r.id));
    expect(rows.activities.every((a) => people.has(a.prospectId) && members.has(a.actorId))).toBe(true);
    expect(rows.notes.every((n) => people.has(n.prospectId) && members.has(n.authorId))).toBe(true);
    expect(rows.reviewRequests.every((r) => r.prospectIds.every((id) => people.has(id)))).toBe(true);
    expect(rows.reviewDecisions.every((d) => requests.has(d.requestId) && people.has(d.prospectId))).toBe(true);
  });

  it('stores each pipeline entry as its stage moves leave it, the board requisition with over 500 active', () => {
    const moves = rows.activities.filter((a) => a.kind === 'stage_changed');
    for (const requisition of rows.requisitions) {
      const entries = new Map(rows.pipeline.filter((e) => e.requisitionId === requisition.id).map((e) => [e.prospectId, e]));
      const histories = stageHistory(requisition, moves);
      expect(histories).toHaveLength(entries.size);
      for (const h of histories) expect({ stage: h.stage, status: h.status }).toEqual({ stage: entries.get(h.prospectId)!.stage, status: entries.get(h.prospectId)!.status });
    }
    const board = rows.pipeline.filter((e) => e.requisitionId === plan.boardRequisitionId && e.status === 'active');
    expect(board.length).toBeGreaterThanOrEqual(500);
  });

  it('keeps the history inside its twelve weeks, each person created before anything happened to them', () => {
    const createdAt = new Map(rows.prospects.map((p) => [p.id, p.createdAt]));
    expect(rows.activities.every((a) => a.at <= NOW && a.at >= NOW - 84 * 86_400_000 && a.at >= createdAt.get(a.prospectId)!)).toBe(true);
  });

  it('is the same for the same seed and differs for another', () => {
    const again = datasetChunks(planDataset(options), 100).next().value!;
    const other = datasetChunks(planDataset({ ...options, seed: 6 }), 100).next().value!;
    expect(again.prospects).toEqual(rows.prospects.slice(0, 100));
    expect(other.prospects[0]!.name === rows.prospects[0]!.name && other.prospects[0]!.id === rows.prospects[0]!.id).toBe(false);
  });
});
