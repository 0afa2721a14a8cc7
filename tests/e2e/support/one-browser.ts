import { afterAll, beforeAll } from 'vitest';
import { type ExtensionBrowser, launchWithExtension } from './chromium';
import { type FixtureServer, startFixtureServer } from './fixture-server';
import { type TeamServer, startTeamServer } from './team-server';

export interface OneBrowser {
  server: TeamServer;
  browser: ExtensionBrowser;
  /** The saved site pages, when asked for (`sitePages`). */
  pages?: FixtureServer;
}

/**
 * For the tests of one file: a real team server and one browser with the extension
 * (teammates write through the server), and the fixture server's site pages if the tests open any.
 */
export function oneBrowser({ teamName, sitePages = false }: { teamName?: string; sitePages?: boolean } = {}): OneBrowser {
  const setting = {} as OneBrowser;
  beforeAll(async () => {
    if (sitePages) setting.pages = await startFixtureServer();
    setting.server = await startTeamServer({ teamName });
    setting.browser = await launchWithExtension({ hostResolverRules: setting.pages?.hostResolverRules ?? 'MAP tandem.invalid 127.0.0.1' });
  });
  afterAll(async () => {
    await setting.browser?.close();
    await setting.server?.close();
    await setting.pages?.close();
  });
  return setting;
}
