// The suppression check's workload (issue 11's budget: ≤ 2 ms p95 on the sidebar's identity
// path), shared by the Node bench (fake-indexeddb) and the Chromium one (the browser's own
// IndexedDB): 10,000 entries of 4 hashes each (a team that erased 10,000 people) and 1,000
// pages of every shape — a LinkedIn page, an ATS page with a LinkedIn link and two emails, a
// suppressed person's ATS page. Imports nothing from Node: it is bundled for the page too.
import { ulid } from 'ulidx';
import { TandemDB } from '@/lib/db/database';
import { LOCAL_KEYS, writeSuppressionSecret } from '@/lib/db/local-state';
import { allowSyncedWrites } from '@/lib/db/synced-write-guard';
import { type ProspectIdentity, type Suppression, suppressionHash, suppressionIdentifiers } from '@/lib/model';
import { suppressedPage } from '@/lib/prospects/suppression-check';

export const ENTRIES = 10_000;
export const PAGES = 1_000;
const SECRET = 'bench-team-secret-0123456789abcdef';
const TEAM = 'bench-team';

/** One pass: each page's check time, the hashing alone, and how many pages were suppressed. */
export interface Pass {
  times: number[];
  hmac: number[];
  suppressed: number;
}

function entries(): Suppression[] {
  return Array.from({ length: ENTRIES }, (_, i) => ({
    id: ulid(),
    teamId: TEAM,
    version: i + 1,
    deletedAt: null,
    at: 1_700_000_000_000 + i,
    hashes: [`key:linkedin:gone-${i}`, `key:greenhouse:${i}`, `email:gone.${i}@old.example`, `email:g${i}@home.example`].map((id) => suppressionHash(SECRET, id)),
  }));
}

function page(i: number): ProspectIdentity {
  const base = { name: `Person ${i}`, headline: null, company: null, location: null };
  switch (i % 3) {
    case 0:
      return { ...base, site: 'linkedin', key: `linkedin:someone-${i}`, url: `https://www.linkedin.com/in/someone-${i}/` };
    case 1:
      return { ...base, site: 'greenhouse', key: `greenhouse:new-${i}`, url: `https://app.greenhouse.io/people/${i}`, emails: [`p${i}@work.example`, `p${i}@home.example`], sameAs: [{ site: 'linkedin', key: `linkedin:p-${i}`, url: `https://www.linkedin.com/in/p-${i}/` }] };
    default:
      return { ...base, site: 'greenhouse', key: `greenhouse:other-${i}`, url: `https://app.greenhouse.io/people/${i}`, emails: [`gone.${(i * 7) % ENTRIES}@old.example`] };
  }
}

/**
 * Fills a fresh database, runs one uncounted warm-up pass (a sidebar checks many pages in one
 * frame's life), then `runs` timed passes.
 */
export async function suppressionPasses(runs: number): Promise<Pass[]> {
  const pages = Array.from({ length: PAGES }, (_, i) => page(i));
  const db = new TandemDB(`bench-suppression-${ulid()}`);
  await db.local.put({ key: LOCAL_KEYS.me, value: { memberId: ulid(), teamId: TEAM, name: 'Bench', email: '', role: 'recruiter' } });
  await writeSuppressionSecret(db, TEAM, SECRET);
  const rows = entries();
  await db.transaction('rw', db.suppressions, async () => {
    allowSyncedWrites('pull');
    await db.suppressions.bulkPut(rows);
  });
  for (const identity of pages) await suppressedPage(db, identity);
  const passes: Pass[] = [];
  for (let run = 1; run <= runs; run++) {
    const pass: Pass = { times: [], hmac: [], suppressed: 0 };
    for (const identity of pages) {
      const h0 = performance.now();
      suppressionIdentifiers(identity).map((id) => suppressionHash(SECRET, id));
      pass.hmac.push(performance.now() - h0);
      const start = performance.now();
      if (await suppressedPage(db, identity)) pass.suppressed++;
      pass.times.push(performance.now() - start);
    }
    passes.push(pass);
  }
  db.close();
  await db.delete();
  return passes;
}
