import { useEffect, useRef } from 'react';
import { plural } from '@/components/ui/plural';
import { WARNING_LABELS, type WarningKind, isSevere } from '@/lib/guard/warning-kinds';
import type { ProspectIdentity } from '@/lib/model';
import type { FrameControls, SidebarConnection } from './sidebar-app';
import { parseKinds, useWarningSignature } from './use-warning-signature';

/**
 * The collapsed sidebar: the frame shrunk to a tab at the page's edge, drawn here in the
 * extension's origin, so it can say what the team knows without the page reading it. It reports
 * the person's warnings for the toolbar badge, and opens the sidebar for a severe one.
 */
export function CollapsedTab({ connection, frame }: { connection: SidebarConnection; frame: FrameControls }) {
  const state = connection.phase === 'ready' ? connection.state : null;
  if (state?.status !== 'identified') return <TabButton kinds={[]} onOpen={() => frame.setOpen(true)} />;
  return <PersonTab key={state.identity.key} identity={state.identity} frame={frame} />;
}

function PersonTab({ identity, frame }: { identity: ProspectIdentity; frame: FrameControls }) {
  const signature = useWarningSignature(identity);
  const revealed = useRef(false);

  useEffect(() => {
    if (signature === null) return;
    const kinds = parseKinds(signature);
    frame.reportWarnings({ profileKey: identity.key, kinds });
    // Once per person shown: a member who collapses it again has seen the warning.
    if (!revealed.current && kinds.some(isSevere)) {
      revealed.current = true;
      frame.reveal();
    }
  }, [signature, identity.key, frame]);

  return <TabButton kinds={parseKinds(signature ?? '')} onOpen={() => frame.setOpen(true)} />;
}


/** Its name starts with what it shows ("Tandem", then the count), so speech input finds it by what is seen. */
function tabLabel(kinds: WarningKind[]): string {
  if (kinds.length === 0) return 'Show Tandem sidebar (Alt+Shift+T)';
  return `Show Tandem: ${plural(kinds.length, 'warning', 'warnings')}: ${kinds.map((k) => WARNING_LABELS[k]).join(', ')} (Alt+Shift+T)`;
}

/** The frame's whole document while collapsed: one control, in a landmark with a heading like any page. */
function TabButton({ kinds, onOpen }: { kinds: WarningKind[]; onOpen: () => void }) {
  const label = tabLabel(kinds);
  const level = kinds.some(isSevere) ? 'severe' : kinds.length > 0 ? 'warning' : undefined;
  return (
    <main className="collapsed-view">
      <h1 className="visually-hidden">Tandem</h1>
      <button type="button" className="collapsed-tab" data-testid="collapsed-tab" data-level={level} aria-label={label} title={label} onClick={onOpen}>
        <span aria-hidden="true">‹</span>
        <span className="tab-name" aria-hidden="true">
          Tandem
        </span>
        {kinds.length > 0 && (
          <span className="tab-warning" aria-hidden="true">
            ⚠{kinds.length}
          </span>
        )}
      </button>
    </main>
  );
}
