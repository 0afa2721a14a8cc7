// Runs in an extension page (bench-fill.html) or the service worker of the benchmark's copy of
// the extension (see dashboard-profile.ts): the extension's own database code, bundled with the
// generator, writes the dataset where the dashboard reads it, and makes the one change the
// "metrics after a change" budget waits for.
import './zod-jitless';
import { liveQuery } from 'dexie';
import { ulid } from 'ulidx';
import { TandemDB, toStoredRow } from '@/lib/db/database';
import type { SyncedTable } from '@/lib/model';
import { LOCAL_KEYS } from '@/lib/db/local-state';
import { mutate } from '@/lib/db/mutate';
import { searchBasis } from '@/lib/db/people-filters';
import { countMatches, matchText, searchWithin } from '@/lib/db/people-search';
import { allowSyncedWrites } from '@/lib/db/synced-write-guard';
import { NO_FILTERS } from '@/lib/model';
import { pipelineMove } from '@/lib/mutations/pipeline';
import { type DatasetChunk, type DatasetOptions, datasetChunks, planDataset } from './dashboard-data';

export interface FillSummary {
  counts: Record<string, number>;
  boardRequisitionId: string;
  generateMs: number;
  writeMs: number;
  /** navigator.storage.estimate() of the extension's origin after the fill. */
  usageBytes: number | null;
}

export interface MoveResult {
  prospectId: string;
  from: string;
  to: string;
  /** Epoch ms (sub-millisecond) just before the mutation started, and after it committed. */
  startedAt: number;
  committedAt: number;
}

const epochNow = () => performance.timeOrigin + performance.now();

function openDb(): TandemDB {
  const db = new TandemDB();
  // A benchmark's fill needs no flush to disk per transaction; the browser still writes it all.
  db._options.chromeTransactionDurability = 'relaxed';
  return db;
}

async function writeChunk(db: TandemDB, chunk: DatasetChunk) {
  const tables = Object.keys(chunk).filter((t) => chunk[t as keyof DatasetChunk].length > 0);
  await db.transaction('rw', tables, async () => {
    // The fill stands for the team's history arriving from the server.
    allowSyncedWrites('pull');
    for (const table of tables) {
      const rows = chunk[table as keyof DatasetChunk];
      // Through toStoredRow, as the pull writes them: people and notes get their search words.
      await db.table(table).bulkPut(rows.map((row) => toStoredRow(table as SyncedTable, row as never)));
    }
  });
}

/** Writes the whole dataset, logging the people written so far (the bench shows the console). */
async function fill(options: DatasetOptions, chunkPeople: number): Promise<FillSummary> {
  const progress = (people: number, total: number) => console.log(`tandem-fill ${people}/${total}`);
  const db = openDb();
  await db.open();
  const plan = planDataset(options);
  await db.local.bulkPut([{ key: LOCAL_KEYS.me, value: plan.me }]);
  const counts: Record<string, number> = {};
  let generateMs = 0;
  const started = performance.now();
  // Generate the next chunk while the browser writes the previous one.
  let writing: Promise<void> = Promise.resolve();
  let people = 0;
  const chunks = datasetChunks(plan, chunkPeople);
  for (;;) {
    const t0 = performance.now();
    const next = chunks.next();
    generateMs += performance.now() - t0;
    if (next.done) break;
    await writing;
    progress(people, plan.counts.people);
    const chunk = next.value;
    for (const table of Object.keys(chunk) as (keyof DatasetChunk)[]) counts[table] = (counts[table] ?? 0) + chunk[table].length;
    people += chunk.prospects.length;
    writing = writeChunk(db, chunk);
  }
  await writing;
  progress(people, plan.counts.people);
  const writeMs = performance.now() - started - generateMs;
  db.close();
  const estimate = await navigator.storage.estimate();
  return { counts, boardRequisitionId: plan.boardRequisitionId, generateMs, writeMs, usageBytes: estimate.usage ?? null };
}

let moveDb: TandemDB | null = null;

/**
 * Moves the `nth` active entry of the requisition that is not yet at its last two stages one
 * stage on, as the sidebar's pipeline control would (`pipeline.move` through `mutate`).
 */
async function moveOneStage(requisitionId: string, nth: number): Promise<MoveResult> {
  moveDb ??= openDb();
  const requisition = await moveDb.requisitions.get(requisitionId);
  if (!requisition) throw new Error(`no requisition ${requisitionId}`);
  const movable = await moveDb.pipeline
    .where('requisitionId')
    .equals(requisitionId)
    .filter((e) => e.status === 'active' && e.deletedAt === null && requisition.stages.indexOf(e.stage) < requisition.stages.length - 2)
    .toArray();
  const entry = movable[nth % movable.length];
  if (!entry) throw new Error('no active entry to move');
  const to = requisition.stages[requisition.stages.indexOf(entry.stage) + 1]!;
  const startedAt = epochNow();
  await mutate(moveDb, pipelineMove, { prospectId: entry.prospectId, requisitionId, stage: to, status: 'active', reason: null, declinedOffer: null, activityId: ulid(), at: Date.now() });
  return { prospectId: entry.prospectId, from: entry.stage, to, startedAt, committedAt: epochNow() };
}

export interface SearchStep {
  text: string;
  /** People found (null: the count follows the page). */
  total: number | null;
  /** The keystroke's page: `searchWithin`. */
  pageMs: number;
  /** Of which ordering the page's people (`orderByLastActivity`) when the words' sets were read. */
  matchMs: number;
  /** The count that follows a broad search's page (`countMatches`), when it does. */
  countMs: number | null;
  /** The page again as the dashboard runs it: the first answer of a Dexie live query. */
  liveMs: number;
}

/**
 * Each prefix of each query through the keystroke's work (`searchWithin`), timed, with the
 * words' exact sets read on their own (`matchText`) and the count that follows a broad page.
 */
async function searchSteps(queries: string[], limit: number): Promise<SearchStep[]> {
  const db = openDb();
  const me = (await db.local.get(LOCAL_KEYS.me))!.value as { memberId: string; teamId: string };
  const basis = await searchBasis(db, NO_FILTERS);
  const steps: SearchStep[] = [];
  for (const query of queries) {
    for (let i = 1; i <= query.length; i++) {
      const text = query.slice(0, i);
      const t0 = performance.now();
      const page = await searchWithin(db, me, text, basis, limit);
      const t1 = performance.now();
      await matchText(db, me.memberId, text);
      const t2 = performance.now();
      const countMs = page.total === null ? (await countMatches(db, me, text, basis, () => true), performance.now() - t2) : null;
      const t3 = performance.now();
      await new Promise<void>((resolve, reject) => {
        const subscription = liveQuery(() => searchWithin(db, me, text, basis, limit)).subscribe({
          next: () => {
            resolve();
            queueMicrotask(() => subscription.unsubscribe());
          },
          error: reject,
        });
      });
      steps.push({ text, total: page.total, pageMs: t1 - t0, matchMs: t2 - t1, countMs, liveMs: performance.now() - t3 });
    }
  }
  db.close();
  return steps;
}

/** Opens the database, upgrading it to this build's schema: the milliseconds that took. */
async function openAndUpgrade(): Promise<{ ms: number; version: number }> {
  const db = openDb();
  const started = performance.now();
  await db.open();
  const ms = performance.now() - started;
  const version = db.verno;
  db.close();
  return { ms, version };
}

Object.assign(globalThis, { tandemBench: { fill, moveOneStage, searchSteps, openAndUpgrade } });
