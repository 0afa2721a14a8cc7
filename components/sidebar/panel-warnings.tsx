import { useEffect } from 'react';
import type { ProspectIdentity } from '@/lib/model';
import type { WarningsReport } from '@/lib/tabs/tab-badge';
import { parseKinds, useWarningSignature } from './use-warning-signature';

/**
 * The side panel's part in the toolbar badge: the warnings of the person on the tab it shows, as
 * the collapsed tab reports them in page mode. Draws nothing.
 */
export function PanelWarnings({ tabId, identity, report }: { tabId: number; identity: ProspectIdentity; report: (tabId: number, report: WarningsReport) => void }) {
  const signature = useWarningSignature(identity);
  useEffect(() => {
    if (signature !== null) report(tabId, { profileKey: identity.key, kinds: parseKinds(signature) });
  }, [signature, tabId, identity.key, report]);
  return null;
}
