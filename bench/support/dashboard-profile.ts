// The dashboard benchmark's browser: a copy of the built extension with a fixed id and a fill
// page, and a Chromium profile holding the filled database, cached under /tmp so re-measuring
// does not refill (writing 1.1M rows takes minutes).
//
// Cache: $TANDEM_BENCH_CACHE (default /tmp/tandem-bench-dashboard)/<key>/{profile/, fill.json},
// key = data version (dashboard-data.ts), Dexie schema version, scale and seed. A new generator
// version means a new key and a fill; a new schema version upgrades the newest older schema's
// profile of the same data once (timed, as a device would) and caches that; `--refill` fills anew. Each run
// measures on a copy of the cached profile, so the moves it makes never reach the cache.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { CURRENT_VERSION } from '@/lib/db/schema';
import { launchChromium } from '../../tests/e2e/support/chromium';
import { EXTENSION_DIR } from '../../tests/e2e/support/paths';
import { DATA_VERSION, type DatasetOptions, variantKey } from './dashboard-data';
import type { FillSummary } from './dashboard-fill-page';
import { addBenchPage } from './harness';

export const CACHE_ROOT = process.env.TANDEM_BENCH_CACHE ?? '/tmp/tandem-bench-dashboard';

/**
 * A fixed key in the copied manifest gives the extension the same id wherever it is loaded
 * from, so a cached profile's database (stored under the extension's origin) is found again.
 * Its private key was thrown away: nothing is ever signed with it.
 */
const MANIFEST_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAje3GypolP6ZjfikpEaUIV2Qef1sc6V+pzV3mggM0dc7AH7IJztQH7XA5XujRsoX7w8B1Dd6b64NiV2ZeGYROUlP91CeezE3MAeY8LasWVgAPGsF7favOD/9oKlD0aYJe1uJx8q288KBLWUOp1e0KPZaoxPncEcHWAZWwRgdAU8gPWZ0VgRhY26EalNpnIMFxHGSu4CN06oSLdYs5uhxe6qYXhgOabNOSeK4hFS1h/WR/2spbsIS9EBGS+OMpBjmNzPVO/7KTzZroZ6pwbpVGkYHA+aqvfq4sgEAu52bB1iwGROqzeOqwxJH5Qm3L5lo50rEdHfTongSHJhmSMAPx/QIDAQAB';
export const EXTENSION_ID = 'pjegnlbkcobbclkpbfngdigkalppcaab';
export const extensionUrl = (page: string) => `chrome-extension://${EXTENSION_ID}/${page}`;

/**
 * The built extension (`TANDEM_BENCH_EXTENSION`, default .output/chrome-mv3) copied with the
 * fixed key, plus bench-fill.html: the extension's database code and the generator, bundled.
 */
export async function prepareExtension(): Promise<string> {
  const source = process.env.TANDEM_BENCH_EXTENSION ?? EXTENSION_DIR;
  if (!existsSync(path.join(source, 'manifest.json'))) throw new Error(`no built extension in ${source}: run \`npx wxt build\` first`);
  const dir = path.join(CACHE_ROOT, 'extension');
  rmSync(dir, { recursive: true, force: true });
  cpSync(source, dir, { recursive: true });
  const manifestPath = path.join(dir, 'manifest.json');
  writeFileSync(manifestPath, JSON.stringify({ ...(JSON.parse(readFileSync(manifestPath, 'utf8')) as object), key: MANIFEST_KEY }));
  await addBenchPage(dir, 'bench/support/dashboard-fill-page.ts', 'bench-fill', 'Tandem bench fill');
  return dir;
}

export interface BenchBrowser {
  context: BrowserContext;
  /** The extension's service worker, with the bundled fill code loaded (it writes what sync would). */
  worker(): Promise<Worker>;
  close(): Promise<void>;
}

/** Chromium on `userDataDir` with the prepared extension; its service worker up and the id checked. */
export async function launchBench(extensionDir: string, userDataDir: string): Promise<BenchBrowser> {
  const { context, close } = await launchChromium({ extensionDir, userDataDir });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const id = new URL(worker.url()).host;
  if (id !== EXTENSION_ID) {
    await close();
    throw new Error(`the extension loaded as ${id}, not ${EXTENSION_ID}: did the manifest key change?`);
  }
  // tsx compiles with keepNames: functions passed to page.evaluate call a Node-only `__name`.
  await context.addInitScript('globalThis.__name = (f) => f');
  const bundle = readFileSync(path.join(extensionDir, 'bench-fill.js'), 'utf8');
  // Extension pages share one renderer main thread, so a busy dashboard tab would hold up a
  // writer tab; the service worker has its own thread, and it is where sync writes arrive.
  const loadedWorker = async () => {
    const current = context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${EXTENSION_ID}/`)) ?? (await context.waitForEvent('serviceworker'));
    if (!(await current.evaluate(() => 'tandemBench' in globalThis))) await current.evaluate(`globalThis.__name = (f) => f; ${bundle}`);
    return current;
  };
  return { context, worker: loadedWorker, close };
}

/** A page of the extension with the bundled fill code loaded. */
export async function openFillPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(extensionUrl('bench-fill.html'));
  await page.waitForFunction(() => 'tandemBench' in globalThis);
  return page;
}

/** Bytes under the profile's IndexedDB folders for the extension's origin. */
export function indexedDbBytes(userDataDir: string): number {
  const root = path.join(userDataDir, 'Default', 'IndexedDB');
  if (!existsSync(root)) return 0;
  const size = (p: string): number => (statSync(p).isDirectory() ? readdirSync(p).reduce((n, f) => n + size(path.join(p, f)), 0) : statSync(p).size);
  return readdirSync(root)
    .filter((f) => f.includes(EXTENSION_ID))
    .reduce((n, f) => n + size(path.join(root, f)), 0);
}

export interface CachedFill extends FillSummary {
  options: DatasetOptions;
  /** Wall time of the whole fill: browser start, generation, writes, and the browser closing. */
  fillSeconds: number;
  indexedDbBytes: number;
  filledAt: string;
  /** Schema upgrades the cached profile went through since its fill, and how long each took to open. */
  upgrades?: { from: string; toSchema: number; seconds: number; at: string }[];
}

export interface FilledProfile {
  extensionDir: string;
  /** A fresh copy of the cached profile, for this run only. */
  userDataDir: string;
  fill: CachedFill;
  /** Whether this run filled it (false: it came from the cache). */
  filledNow: boolean;
}

/** What the data is beyond scale and seed (the large-team bench's notes and heavy people). */
export type DataVariant = Pick<DatasetOptions, 'notes' | 'heavyPeople'>;

const cacheKey = (scale: number, seed: number, variant: DataVariant, schema = CURRENT_VERSION) => `data${DATA_VERSION}${variantKey(variant)}-schema${schema}-scale${scale}-seed${seed}`;

/**
 * The cached profile of an older schema for this data, scale and seed, upgraded by opening it
 * with this build (what a team's device does once), then cached under the current key; null
 * when there is none. The upgrade's time is kept in fill.json (`upgrades`).
 */
async function upgradedProfile(extensionDir: string, target: string, scale: number, seed: number, variant: DataVariant, log: (line: string) => void): Promise<CachedFill | null> {
  const older = Array.from({ length: CURRENT_VERSION - 1 }, (_, i) => CURRENT_VERSION - 1 - i)
    .map((schema) => path.join(CACHE_ROOT, cacheKey(scale, seed, variant, schema)))
    .find((dir) => existsSync(path.join(dir, 'fill.json')));
  if (!older) return null;
  const partial = `${target}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  execFileSync('cp', ['-r', '--reflink=auto', path.join(older, 'profile'), path.join(partial, 'profile')]);
  log(`upgrading ${path.basename(older)} to schema ${CURRENT_VERSION}`);
  const browser = await launchBench(extensionDir, path.join(partial, 'profile'));
  let upgrade: { ms: number; version: number };
  try {
    const page = await openFillPage(browser.context);
    upgrade = await page.evaluate(() => (globalThis as unknown as { tandemBench: { openAndUpgrade(): Promise<{ ms: number; version: number }> } }).tandemBench.openAndUpgrade());
  } finally {
    await browser.close();
  }
  if (upgrade.version !== CURRENT_VERSION) throw new Error(`the upgrade opened schema ${upgrade.version}, not ${CURRENT_VERSION}`);
  const before = JSON.parse(readFileSync(path.join(older, 'fill.json'), 'utf8')) as CachedFill;
  const fill: CachedFill = {
    ...before,
    upgrades: [...(before.upgrades ?? []), { from: path.basename(older), toSchema: CURRENT_VERSION, seconds: Math.round(upgrade.ms / 100) / 10, at: new Date().toISOString() }],
    indexedDbBytes: indexedDbBytes(path.join(partial, 'profile')),
  };
  writeFileSync(path.join(partial, 'fill.json'), JSON.stringify(fill, null, 2));
  rmSync(target, { recursive: true, force: true });
  renameSync(partial, target);
  log(`upgraded in ${upgrade.ms.toFixed(0)} ms`);
  return fill;
}

async function fillProfile(extensionDir: string, target: string, options: DatasetOptions, log: (line: string) => void): Promise<CachedFill> {
  const started = Date.now();
  const partial = `${target}.partial`;
  rmSync(partial, { recursive: true, force: true });
  const profile = path.join(partial, 'profile');
  mkdirSync(profile, { recursive: true });
  const browser = await launchBench(extensionDir, profile);
  let summary: FillSummary;
  try {
    const page = await openFillPage(browser.context);
    page.on('console', (m) => m.text().startsWith('tandem-fill') && log(m.text()));
    summary = await page.evaluate(({ o }) => (globalThis as unknown as { tandemBench: { fill(o: DatasetOptions, chunk: number): Promise<FillSummary> } }).tandemBench.fill(o, 2_000), { o: options });
  } finally {
    await browser.close();
  }
  const fill: CachedFill = { ...summary, options, fillSeconds: Math.round((Date.now() - started) / 100) / 10, indexedDbBytes: indexedDbBytes(profile), filledAt: new Date().toISOString() };
  writeFileSync(path.join(partial, 'fill.json'), JSON.stringify(fill, null, 2));
  rmSync(target, { recursive: true, force: true });
  renameSync(partial, target);
  return fill;
}

/**
 * The filled profile for this scale and seed: from the cache, or filled now (and cached). The
 * history ends at the time of the fill; `fill.options.now` says when that was.
 */
export async function filledProfile({ scale, seed, variant = {}, refill, workDir, log }: { scale: number; seed: number; variant?: DataVariant; refill: boolean; workDir: string; log: (line: string) => void }): Promise<FilledProfile> {
  const extensionDir = await prepareExtension();
  const target = path.join(CACHE_ROOT, cacheKey(scale, seed, variant));
  const cached = !refill && existsSync(path.join(target, 'fill.json'));
  const upgraded = cached || refill ? null : await upgradedProfile(extensionDir, target, scale, seed, variant, log);
  const fill = cached
    ? (JSON.parse(readFileSync(path.join(target, 'fill.json'), 'utf8')) as CachedFill)
    : (upgraded ?? (await fillProfile(extensionDir, target, { scale, seed, now: Date.now(), ...variant }, log)));
  const userDataDir = path.join(workDir, 'profile');
  // cp is several times faster than a recursive copy in Node for a multi-gigabyte profile.
  execFileSync('cp', ['-r', '--reflink=auto', path.join(target, 'profile'), userDataDir]);
  return { extensionDir, userDataDir, fill, filledNow: !cached && !upgraded };
}
