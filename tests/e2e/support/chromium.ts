import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, type Worker, chromium } from 'playwright-core';
import { EXTENSION_DIR } from './paths';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Playwright's default `--disable-features` list, read from the installed playwright-core (it
 * changes between versions). It contains ThirdPartyStoragePartitioning, which makes Chromium
 * refuse IndexedDB to an extension frame inside a web page; real Chrome does not do that.
 */
function playwrightDisabledFeatures(): string[] {
  const require = createRequire(import.meta.url);
  const bundle = readFileSync(path.join(path.dirname(require.resolve('playwright-core/package.json')), 'lib/coreBundle.js'), 'utf8');
  const block = /disabledFeatures = \[([\s\S]*?)\]\.filter\(Boolean\)/.exec(bundle)?.[1];
  if (!block) throw new Error('Could not find the disabledFeatures list in playwright-core; update tests/e2e/support/chromium.ts');
  const withoutComments = block.replace(/\/\/.*$/gm, '');
  return [...withoutComments.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
}

export interface ExtensionBrowser {
  context: BrowserContext;
  /** The profile's directory (Chromium writes `DevToolsActivePort` there when asked for a debugging port). */
  userDataDir: string;
  extensionId: string;
  serviceWorker: Worker;
  extensionUrl(page: string): string;
  close(): Promise<void>;
}

/**
 * Chromium with the same flags the extension runs under, for a fair baseline. A `userDataDir`
 * given is the caller's (a benchmark's filled profile) and stays; otherwise a new one is made
 * and deleted at close.
 */
export async function launchChromium({
  hostResolverRules,
  extensionDir,
  userDataDir: given,
  debuggingPort = false,
}: {
  hostResolverRules?: string;
  extensionDir?: string;
  userDataDir?: string;
  /** Also listen for DevTools on a free local port: a second connection can reach the side panel (tests/e2e/support/side-panel.ts). */
  debuggingPort?: boolean;
}) {
  const userDataDir = given ?? mkdtempSync(path.join(os.tmpdir(), 'tandem-chromium-'));
  const disabled = playwrightDisabledFeatures();
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    ignoreHTTPSErrors: true,
    viewport: { width: 1400, height: 900 },
    ignoreDefaultArgs: ['--disable-extensions', `--disable-features=${disabled.join(',')}`],
    args: [
      ...(extensionDir ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : []),
      `--disable-features=${disabled.filter((f) => f !== 'ThirdPartyStoragePartitioning').join(',')}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...(hostResolverRules ? [`--host-resolver-rules=${hostResolverRules}`] : []),
      ...(debuggingPort ? ['--remote-debugging-port=0'] : []),
    ],
  });
  const close = async () => {
    await context.close();
    if (!given) rmSync(userDataDir, { recursive: true, force: true });
  };
  return { context, close, userDataDir };
}

/**
 * A copy of the built extension whose optional host permissions (the ATS sites) are granted at
 * launch: listed as install-time host permissions, which an unpacked extension is given when it
 * loads. The browser's permission prompt cannot be answered from a test; everything after it
 * (the worker registering the ATS script for what is granted, Options showing the site on) is
 * the extension's own code.
 */
function extensionWithOptionalHostsGranted(): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-granted-'));
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  const manifestPath = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { host_permissions?: string[]; optional_host_permissions?: string[] };
  manifest.host_permissions = [...(manifest.host_permissions ?? []), ...(manifest.optional_host_permissions ?? [])];
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function launchWithExtension({
  hostResolverRules,
  grantOptionalHosts = false,
  debuggingPort = false,
}: {
  hostResolverRules: string;
  grantOptionalHosts?: boolean;
  debuggingPort?: boolean;
}): Promise<ExtensionBrowser> {
  const granted = grantOptionalHosts ? extensionWithOptionalHostsGranted() : null;
  const { context, close, userDataDir } = await launchChromium({ hostResolverRules, extensionDir: granted?.dir ?? EXTENSION_DIR, debuggingPort });
  const serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(serviceWorker.url()).host;
  return {
    context,
    userDataDir,
    extensionId,
    serviceWorker,
    extensionUrl: (page) => `chrome-extension://${extensionId}/${page}`,
    close: async () => {
      await close();
      granted?.remove();
    },
  };
}
