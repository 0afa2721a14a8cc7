import { afterAll, beforeAll } from 'vitest';
import { type ExtensionBrowser, launchWithExtension } from './chromium';
import { type TeamServer, startTeamServer } from './team-server';

export interface OneBrowser {
  server: TeamServer;
  browser: ExtensionBrowser;
}

/** For the tests of one file: a real team server and one browser with the extension, no site pages. */
export function oneBrowserWithServer({ teamName }: { teamName: string }): OneBrowser {
  const setting = {} as OneBrowser;
  beforeAll(async () => {
    setting.server = await startTeamServer({ teamName });
    setting.browser = await launchWithExtension({ hostResolverRules: 'MAP tandem.invalid 127.0.0.1' });
  });
  afterAll(async () => {
    await setting.browser?.close();
    await setting.server?.close();
  });
  return setting;
}
