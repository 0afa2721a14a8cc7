import { describe, expect, it } from 'vitest';
import { ATS_SCRIPT_FILE, syncAtsScripts, turnAtsSiteOff, turnAtsSiteOn } from '@/lib/sites/ats-scripts';
import { installSitePermissionsStandIn } from '../../support/site-permissions-stand-in';

describe('the ATS content script follows the granted permissions', () => {
  it('at startup registers it for each granted site, on exactly the granted hosts, across sessions', async () => {
    const stand = installSitePermissionsStandIn({ granted: ['https://*.linkedin.com/*', 'https://acme.greenhouse.io/*', 'https://app.ashbyhq.com/*'] });
    await syncAtsScripts();
    expect([...stand.scripts.values()]).toEqual([
      { id: 'tandem-ats-greenhouse', js: [ATS_SCRIPT_FILE], matches: ['https://acme.greenhouse.io/*'], runAt: 'document_start', persistAcrossSessions: true },
      { id: 'tandem-ats-ashby', js: [ATS_SCRIPT_FILE], matches: ['https://app.ashbyhq.com/*'], runAt: 'document_start', persistAcrossSessions: true },
    ]);
    await syncAtsScripts(); // idempotent: no duplicate registration
    expect(stand.scripts.size).toBe(2);
  });

  it('unregisters the script of a site whose permission was withdrawn in the browser (at startup or when it happens)', async () => {
    const stand = installSitePermissionsStandIn({ granted: ['https://*.workable.com/*', 'https://hire.lever.co/*', 'https://hire.sandbox.lever.co/*'] });
    await syncAtsScripts();
    stand.withdraw(['https://*.workable.com/*']);
    await syncAtsScripts();
    expect([...stand.scripts.keys()]).toEqual(['tandem-ats-lever']);
  });

  it('re-registers on the new hosts when the grant changes', async () => {
    const stand = installSitePermissionsStandIn({ granted: ['https://acme.greenhouse.io/*'] });
    await syncAtsScripts();
    stand.withdraw(['https://acme.greenhouse.io/*']);
    stand.origins.add('https://*.greenhouse.io/*');
    await syncAtsScripts();
    expect(stand.scripts.get('tandem-ats-greenhouse')?.matches).toEqual(['https://*.greenhouse.io/*']);
  });

  it('turning on asks for the hosts and registers; a refused prompt leaves it off with a reason; off gives both back', async () => {
    const stand = installSitePermissionsStandIn({ answer: false });
    expect(await turnAtsSiteOn('workable', 'acme')).toMatch(/did not give Tandem access/);
    expect(stand.scripts.size).toBe(0);
    stand.answer = true;
    expect(await turnAtsSiteOn('workable', 'acme')).toBeNull();
    expect(stand.request).toHaveBeenLastCalledWith({ origins: ['https://acme.workable.com/*'] });
    expect(stand.scripts.get('tandem-ats-workable')?.matches).toEqual(['https://acme.workable.com/*']);
    await turnAtsSiteOff('workable');
    expect(stand.origins.size).toBe(0);
    expect(stand.scripts.size).toBe(0);
  });

  it('asks for nothing when what was entered is no subdomain', async () => {
    const stand = installSitePermissionsStandIn();
    expect(await turnAtsSiteOn('greenhouse', 'acme.evil.example')).toMatch(/not a Greenhouse subdomain/);
    expect(stand.request).not.toHaveBeenCalled();
  });
});
