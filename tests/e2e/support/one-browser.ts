import { afterAll, beforeAll } from 'vitest';
import { type ExtensionBrowser, launchWithExtension } from './chromium';
import { type FixtureServer, startFixtureServer } from './fixture-server';
import { type TeamServer, startTeamServer } from './team-server';

/** For the tests of one file: a real team server and one browser with the extension (teammates write through the server). */
export function oneBrowser(): { pages: FixtureServer; server: TeamServer; browser: ExtensionBrowser } {
  const setting = {} as ReturnType<typeof oneBrowser>;
  beforeAll(async () => {
    setting.pages = await startFixtureServer();
    setting.server = await startTeamServer();
    setting.browser = await launchWithExtension({ hostResolverRules: setting.pages.hostResolverRules });
  });
  afterAll(async () => {
    await setting.browser?.close();
    await setting.server?.close();
    await setting.pages?.close();
  });
  return setting;
}
