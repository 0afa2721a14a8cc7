import { warningsFor } from '@/components/prospect/outreach-guard';
import { useProspectView } from '@/components/prospect/use-prospect-view';
import { useNow } from '@/components/ui/use-now';
import { type WarningKind, kindsOf } from '@/lib/guard/warning-kinds';
import type { ProspectIdentity } from '@/lib/model';

/**
 * The kinds of warning the team's data gives for this person, as one string (null until read),
 * so an effect that reports them runs when they change, not on every render.
 */
export function useWarningSignature(identity: ProspectIdentity): string | null {
  const view = useProspectView(identity);
  const now = useNow();
  return view === undefined ? null : kindsOf(warningsFor(view, now)).join(' ');
}

export const parseKinds = (signature: string) => (signature === '' ? [] : (signature.split(' ') as WarningKind[]));
