import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { type ExtensionBrowser, launchWithExtension } from './chromium';
import { type FixtureServer, startFixtureServer } from './fixture-server';
import { SHARED_FIXTURES } from './paths';
import { type TeamServer, startTeamServer } from './team-server';

export interface TwoBrowsers {
  pages: FixtureServer;
  server: TeamServer;
  /** Two Chromium profiles: two people on two computers. */
  browsers: [ExtensionBrowser, ExtensionBrowser];
}

/**
 * For the tests of one file: a real team server, two browsers with the extension, and the
 * saved LinkedIn profiles (`url` → file under the shared fixtures' linkedin/) served as the site.
 */
export function twoBrowsersOn(profiles: Record<string, string>): TwoBrowsers {
  const setting = {} as TwoBrowsers;
  beforeAll(async () => {
    setting.pages = await startFixtureServer();
    for (const [url, file] of Object.entries(profiles)) setting.pages.route({ url, body: readFileSync(path.join(SHARED_FIXTURES, 'linkedin', file)) });
    setting.server = await startTeamServer();
    const launch = () => launchWithExtension({ hostResolverRules: setting.pages.hostResolverRules });
    setting.browsers = await Promise.all([launch(), launch()]);
  });
  afterAll(async () => {
    for (const browser of setting.browsers ?? []) await browser.close();
    await setting.server?.close();
    await setting.pages?.close();
  });
  return setting;
}
