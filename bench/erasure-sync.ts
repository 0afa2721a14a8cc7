// Budget (issue 11): erasing a person with 1,000 activities and 100 notes reaches every teammate
// within one sync.
//
// The real server app in process on PGlite (in memory), three devices of one team (the device's
// sync engine on fake-indexeddb, signed in through the app). A colleague's pushes give the person
// 1,000 activities and 100 notes; the two teammates pull them all. Then a recruiter's device
// erases the person (one push). Each teammate runs ONE sync (`syncOnce`: push, then pull to the
// end) and must then hold nothing of the person: no row naming their id, no row with their name.
// Prints the erasure's push time, each teammate's sync time, the pull pages it took and whether
// one sync sufficed.
import 'fake-indexeddb/auto';
import { performance } from 'node:perf_hooks';
import { ulid } from 'ulidx';
import { TandemDB, syncedTables } from '@/lib/db/database';
import { mutate } from '@/lib/db/mutate';
import { prospectErase, prospectUpsert } from '@/lib/mutations';
import { signIn } from '@/lib/sync/account';
import { syncOnce } from '@/lib/sync/engine';
import { readSession } from '@/lib/sync/session';
import { type Fetch, httpTransport } from '@/lib/sync/transport';
import { createTeam, invite } from '@/server/auth/team-admin';
import { migrate } from '@/server/db/migrate';
import { openPglite } from '@/server/db/pglite';
import { createApp } from '@/server/http/app';
import { createLogger } from '@/server/log';
import { out, round } from './support/harness';

const ACTIVITIES = 1_000;
const NOTES = 100;
const SERVER = 'http://localhost:8787';

const db = await openPglite();
await migrate(db);
const app = createApp({ db, log: createLogger('silent') });
let pullPages = 0;
const fetch: Fetch = async (url, init) => {
  if (String(url).includes('/v1/pull')) pullPages++;
  return app.request(url, init);
};
const team = await createTeam(db, `Bench ${ulid()}`);

async function device(role: 'recruiter' | 'sourcer') {
  const local = new TandemDB(`bench-erasure-${ulid()}`);
  const { code } = await invite(db, team.id, `${role}.${ulid().toLowerCase()}@bench.example`, role);
  await signIn(local, { serverUrl: SERVER, code, deviceName: 'bench', fetch });
  return local;
}

async function sync(local: TandemDB) {
  const session = (await readSession(local))!;
  await syncOnce(local, httpTransport({ serverUrl: session.serverUrl, token: session.token, fetch, timeoutMs: 300_000 }));
}

const [eraser, colleague, teammateA, teammateB] = [await device('recruiter'), await device('sourcer'), await device('sourcer'), await device('recruiter')];
const { result: prospectId } = await mutate(colleague, prospectUpsert, {
  identity: { site: 'linkedin', key: 'linkedin:bench-erased', url: 'https://www.linkedin.com/in/bench-erased/', name: 'Erin Erased', headline: null, company: null, location: null, emails: ['erin@erased.example'] },
});
await sync(colleague);
// The history, pushed in server-sized batches by a colleague's client.
const session = (await readSession(colleague))!;
const mutations = [
  ...Array.from({ length: ACTIVITIES }, (_, i) => ({ name: 'activity.log', args: { id: ulid(), prospectId, kind: 'outreach', data: { channel: 'email' }, at: 1_000 + i } })),
  ...Array.from({ length: NOTES }, (_, i) => ({ name: 'note.add', args: { id: ulid(), prospectId, body: `Erin note ${i}: ${'context '.repeat(40)}`, at: 5_000 + i } })),
];
const pusher = `bench-${ulid()}`;
for (let i = 0; i < mutations.length; i += 500) {
  const res = await app.request(`${SERVER}/v1/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ clientId: pusher, mutations: mutations.slice(i, i + 500).map((m, j) => ({ id: i + j + 1, ...m })) }),
  });
  if (res.status !== 200) throw new Error(`seeding push → ${res.status}`);
}
for (const d of [eraser, teammateA, teammateB]) await sync(d);
const held = await teammateA.activities.where('[prospectId+at]').between([prospectId, 0], [prospectId, Infinity]).count();

let t0 = performance.now();
await mutate(eraser, prospectErase, { prospectId: prospectId!, confirmName: 'Erin Erased' });
await sync(eraser);
const eraseMs = performance.now() - t0;

/** Rows on the device that still name the person. */
async function traces(local: TandemDB): Promise<number> {
  let n = 0;
  for (const table of syncedTables(local)) n += (await table.filter((r: unknown) => JSON.stringify(r).includes(prospectId!) || JSON.stringify(r).includes('Erin')).count());
  return n;
}

const teammates = [];
for (const [name, d] of [['sourcer', teammateA], ['recruiter', teammateB]] as const) {
  pullPages = 0;
  t0 = performance.now();
  await sync(d);
  teammates.push({ teammate: name, syncMs: round(performance.now() - t0), pullPages, rowsLeft: await traces(d) });
}
const oneSync = teammates.every((t) => t.rowsLeft === 0);
out({ bench: 'erasure-sync', activities: ACTIVITIES, notes: NOTES, heldBefore: held, eraseMs: round(eraseMs), teammates, withinOneSync: oneSync });
await db.close();
if (!oneSync) process.exitCode = 1;
