// Live updates (issue 8, point 7): `npm run -s bench:poke -- [--devices 200] [--notes 30]
// [--every 1500] [--database postgres|pglite] [--no-chromium]`
//
// Budget: a note saved on one device shows in a teammate's open sidebar ≤ 2 s p95 on loopback,
// with 200 devices connected to one server.
//
// One `server/main.ts` process (on a throwaway Postgres cluster, or on PGlite) with the
// production rate limits. One team: a writer and `--devices` teammates, each signed in as its own
// member with its own token. Each teammate is a simulated device in this process: the
// extension's own poke client (lib/sync/poke-client.ts, over a real WebSocket) and, on each poke
// past its cursor, pulls over HTTP with the extension's transport until it is up to date (one
// pull at a time, one more if poked meanwhile, as the worker's scheduler does). The writer adds
// a note every `--every` ms (±50 %) on one person; for each note and device the time from the
// writer's push being acknowledged to the device's pull returning the note. With Chromium (the
// default), one more teammate is the built extension in real Chromium with its sidebar open on
// that person: the time until the note is in the sidebar's DOM (a MutationObserver in the
// frame; the same clock). Prints one JSON line; exits 1 if the budget is missed or a note never
// arrived.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Frame } from 'playwright-core';
import { ulid } from 'ulidx';
import { WebSocket } from 'ws';
import { type ProspectIdentity, PushResponse } from '@/lib/model';
import { socketOps } from '@/server/admin/commands';
import { PokeClient, type WebSocketLike } from '@/lib/sync/poke-client';
import { RateLimitedError, httpTransport } from '@/lib/sync/transport';
import { launchWithExtension } from '../tests/e2e/support/chromium';
import { startFixtureServer } from '../tests/e2e/support/fixture-server';
import { SHARED_FIXTURES } from '../tests/e2e/support/paths';
import { OptionsPage } from '../tests/e2e/pages/options';
import { SidebarPage } from '../tests/e2e/pages/sidebar';
import { type Redeemed, cpuMs, createDatabase, createTeamWithMembers, load1, median, out, percentile, postgresCpuMs, round, runBench, startPostgres, startServerProcess, tempDir } from './support/harness';

const { values } = parseArgs({
  options: {
    devices: { type: 'string', default: '200' },
    notes: { type: 'string', default: '30' },
    every: { type: 'string', default: '1500' },
    database: { type: 'string', default: 'postgres' },
    'no-chromium': { type: 'boolean', default: false },
  },
});
const DEVICES = Number(values.devices);
const NOTES = Number(values.notes);
const EVERY_MS = Number(values.every);
const DATABASE = values.database;
const CHROMIUM = !values['no-chromium'];
if (![DEVICES, NOTES, EVERY_MS].every((n) => Number.isInteger(n) && n > 0) || (DATABASE !== 'postgres' && DATABASE !== 'pglite')) {
  console.error('usage: npm run -s bench:poke -- [--devices 200] [--notes 30] [--every 1500] [--database postgres|pglite] [--no-chromium]');
  process.exit(2);
}
const BUDGET_P95_MS = 2000;
/** How long after the last note the bench waits for stragglers before calling them lost. */
const DRAIN_MS = 10_000;

const PROFILE = 'https://www.linkedin.com/in/eduardo-alvarez-nowak/';
const PERSON: ProspectIdentity = { site: 'linkedin', key: 'linkedin:eduardo-alvarez-nowak', url: PROFILE, name: 'Eduardo Alvarez Nowak', headline: null, company: null, location: null };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const stats = (xs: number[]) => ({ n: xs.length, p50: round(percentile(xs, 50)), p95: round(percentile(xs, 95)), p99: round(percentile(xs, 99)), max: round(Math.max(...xs)), min: round(Math.min(...xs)) });

/** When the writer sent each note's push, and when the push was acknowledged (epoch ms), by note id. */
const sentAt = new Map<string, number>();
const ackedAt = new Map<string, number>();

/** A teammate's device: the extension's poke client, and pulls instead of a database. */
class SimulatedDevice {
  cursor = 0;
  pokes = 0;
  pulls = 0;
  rateLimited = 0;
  errors: string[] = [];
  /**
   * Note id → when this device's pull returned it (epoch ms). Kept for every note, and compared
   * with the push's acknowledgement afterwards: on a busy machine the writer can hear its
   * acknowledgement after a teammate already pulled the note.
   */
  readonly arrivedAt = new Map<string, number>();
  live = false;
  private running: Promise<void> | null = null;
  private again = false;
  private readonly transport;
  readonly client: PokeClient;
  private readonly clientId = ulid();

  constructor(signIn: Redeemed) {
    this.transport = httpTransport({ serverUrl: signIn.serverUrl, token: signIn.token });
    this.client = new PokeClient({
      session: () => Promise.resolve({ serverUrl: signIn.serverUrl, token: signIn.token }),
      onPoke: (version) => {
        this.pokes++;
        if (version > this.cursor) void this.sync();
      },
      onState: (s) => {
        this.live = s.state === 'live';
        if (s.state === 'retrying' || s.state === 'refused') this.errors.push(`poke connection: ${s.error}`);
      },
      openSocket: (url) => new WebSocket(url) as unknown as WebSocketLike,
    });
  }

  /** One pull round at a time; a poke during one causes exactly one more. */
  private sync(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.pullToEnd();
      } while (this.again);
    })().finally(() => (this.running = null));
    return this.running;
  }

  private async pullToEnd(): Promise<void> {
    for (;;) {
      let page;
      try {
        this.pulls++;
        page = await this.transport.pull({ clientId: this.clientId, cursor: this.cursor, limit: 5000, since: 0 });
      } catch (e) {
        if (e instanceof RateLimitedError) this.rateLimited++;
        else this.errors.push(`pull: ${e instanceof Error ? e.message : String(e)}`);
        return;
      }
      const now = Date.now();
      for (const row of page.rows) if (row.kind === 'note' && !this.arrivedAt.has(row.id)) this.arrivedAt.set(row.id, now);
      this.cursor = page.cursor;
      if (!page.more) return;
    }
  }
}

/** The built extension in Chromium, signed in as one more teammate, with its sidebar open on PERSON. */
async function chromiumTeammate(server: { url: string; adminSocket: string; adminSecret: string }, teamId: string) {
  const pages = await startFixtureServer();
  pages.route({ url: PROFILE, body: readFileSync(path.join(SHARED_FIXTURES, 'linkedin/member-2024-07-full.html')) });
  const browser = await launchWithExtension({ hostResolverRules: pages.hostResolverRules });
  const optionsPage = await browser.context.newPage();
  await optionsPage.goto(browser.extensionUrl('options.html'));
  const { code } = await socketOps(server.adminSocket, server.adminSecret).invite(teamId, 'chromium.teammate@bench.example', 'recruiter');
  await new OptionsPage(optionsPage).signIn(server.url, code);
  const page = await browser.context.newPage();
  await page.goto(PROFILE, { waitUntil: 'domcontentloaded' });
  const sidebar = new SidebarPage(page);
  const deadline = Date.now() + 60_000;
  const frame = async (): Promise<Frame> => {
    for (;;) {
      const found = page.frames().find((f) => f.url().includes('/sidebar.html'));
      const live = await found?.evaluate(`document.querySelector('[data-testid="sync-live"]')?.dataset.live ?? null`).catch(() => null);
      if (found && live === 'live' && (await sidebar.name.textContent()) === PERSON.name) return found;
      if (Date.now() > deadline) throw new Error('the Chromium sidebar never showed the person with a live connection');
      await sleep(100);
    }
  };
  const sidebarFrame = await frame();
  // When each note's text first appears in the sidebar, by its number, on the wall clock.
  await sidebarFrame.evaluate(`(() => {
    window.__seen = {};
    const look = () => {
      for (const el of document.querySelectorAll('[data-testid="note-item"]')) {
        const m = /bench note (\\d+)/.exec(el.textContent || '');
        if (m && !(m[1] in window.__seen)) window.__seen[m[1]] = Date.now();
      }
    };
    new MutationObserver(look).observe(document.body, { childList: true, subtree: true, characterData: true });
    look();
  })()`);
  return {
    seen: () => sidebarFrame.evaluate<Record<string, number>>('window.__seen'),
    async close() {
      await browser.close();
      await pages.close();
    },
  };
}

runBench(async () => {
  const dataDir = tempDir('tandem-bench-poke-');
  const databaseUrl = DATABASE === 'postgres' ? await createDatabase((await startPostgres()).url, 'poke_bench') : undefined;
  // The production limits on pushes, pulls and wrong tokens (empty: the default); sign-ins are
  // not limited, since the bench redeems every invite from one address.
  const server = await startServerProcess({ dataDir, databaseUrl, env: { TANDEM_RATE_PUSH_PER_MIN: '', TANDEM_RATE_PULL_PER_MIN: '', TANDEM_RATE_BAD_TOKEN_PER_MIN: '' } });
  const signIns = await createTeamWithMembers(server, 'Poke bench', Array.from({ length: DEVICES + 1 }, (_, i) => `member${i}@bench.example`));
  const [writer, ...teammates] = signIns as [Redeemed, ...Redeemed[]];
  const teamId = writer.team.id;

  let writerMutation = 1;
  const writerClient = ulid();
  const push = async (mutations: { name: string; args: unknown }[]) => {
    const res = await fetch(`${server.url}/v1/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${writer.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: writerClient, mutations: mutations.map((m) => ({ id: writerMutation++, ...m })) }),
    });
    const body = PushResponse.parse(await res.json());
    if (!res.ok || body.rejected.length) throw new Error(`the writer's push failed: ${res.status} ${JSON.stringify(body)}`);
  };
  const prospectId = ulid();
  await push([{ name: 'prospect.upsert', args: { id: prospectId, identity: PERSON } }]);

  const devices = teammates.map((t) => new SimulatedDevice(t));
  const connectStarted = performance.now();
  for (const d of devices) void d.client.restart();
  while (devices.some((d) => !d.live)) {
    if (performance.now() - connectStarted > 60_000) throw new Error(`only ${devices.filter((d) => d.live).length} of ${DEVICES} devices connected within 60 s`);
    await sleep(20);
  }
  const connectAllMs = performance.now() - connectStarted;
  const chromium = CHROMIUM ? await chromiumTeammate(server, teamId) : null;
  // Everyone has caught up with the set-up before the clock starts.
  await sleep(1000);

  const pgPort = databaseUrl ? Number(new URL(databaseUrl).port) : null;
  const cpuBefore = { server: cpuMs(server.pid), generator: process.cpuUsage(), postgres: pgPort ? postgresCpuMs(pgPort) : 0, at: performance.now() };
  const noteIds: string[] = [];
  const pushMs: number[] = [];
  for (let i = 0; i < NOTES; i++) {
    const id = ulid();
    noteIds.push(id);
    sentAt.set(id, Date.now());
    await push([{ name: 'note.add', args: { id, prospectId, body: `bench note ${i}` } }]);
    ackedAt.set(id, Date.now());
    pushMs.push(ackedAt.get(id)! - sentAt.get(id)!);
    await sleep(EVERY_MS * (0.5 + Math.random()));
  }
  const drainUntil = Date.now() + DRAIN_MS;
  while (Date.now() < drainUntil && devices.some((d) => noteIds.some((id) => !d.arrivedAt.has(id)))) await sleep(50);
  const seen = chromium ? await chromium.seen() : {};
  const generator = process.cpuUsage(cpuBefore.generator);
  const wallMs = performance.now() - cpuBefore.at;
  const cores = (ms: number) => +(ms / wallMs).toFixed(2);
  const cpu = { server: cores(cpuMs(server.pid) - cpuBefore.server), postgres: pgPort ? cores(postgresCpuMs(pgPort) - cpuBefore.postgres) : undefined, generator: cores((generator.user + generator.system) / 1000) };
  await chromium?.close();

  const since = (from: Map<string, number>) => devices.flatMap((d) => noteIds.flatMap((id) => (d.arrivedAt.has(id) ? [d.arrivedAt.get(id)! - from.get(id)!] : [])));
  const simulated = since(ackedAt);
  const expected = DEVICES * NOTES;
  const sidebarMs = noteIds.flatMap((id, i) => (seen[i] === undefined ? [] : [seen[i] - ackedAt.get(id)!]));
  const p95 = percentile(simulated, 95);
  const errors = devices.flatMap((d) => d.errors);
  const pass = simulated.length === expected && p95 <= BUDGET_P95_MS && errors.length === 0 && (!chromium || (sidebarMs.length === NOTES && percentile(sidebarMs, 95) <= BUDGET_P95_MS));
  out({
    bench: 'poke-latency',
    database: DATABASE,
    devices: DEVICES,
    notes: NOTES,
    everyMs: EVERY_MS,
    connectAllMs: round(connectAllMs),
    pushAckMs: { p50: round(median(pushMs)), max: round(Math.max(...pushMs)) },
    ackToPulledMs: stats(simulated),
    sentToPulledMs: stats(since(sentAt)),
    delivered: `${simulated.length}/${expected}`,
    ...(chromium ? { ackToSidebarMs: { ...stats(sidebarMs), delivered: `${sidebarMs.length}/${NOTES}` } } : {}),
    perDevice: { pokes: round(median(devices.map((d) => d.pokes))), pulls: round(median(devices.map((d) => d.pulls))) },
    rateLimited: devices.reduce((n, d) => n + d.rateLimited, 0),
    errors: errors.length,
    errorSamples: errors.slice(0, 5),
    cpuCores: cpu,
    load1: load1(),
    budgetP95Ms: BUDGET_P95_MS,
    pass,
  });
  if (!pass) process.exitCode = 1;
});
