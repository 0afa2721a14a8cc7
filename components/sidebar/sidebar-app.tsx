import { useEffect, useRef } from 'react';
import { PageLinks } from '@/components/ui/page-links';
import { UndoToast } from '@/components/ui/undo-toast';
import { ProspectPanel } from '@/components/prospect/prospect-panel';
import { SuppressionGate } from '@/components/privacy/suppression-gate';
import { SyncStatus } from '@/components/sync/sync-status';
import type { TabState } from '@/lib/tabs/tab-state';
import type { WarningsReport } from '@/lib/tabs/tab-badge';
import { CollapsedTab } from './collapsed-tab';
import { ProfileHint } from './profile-hint';
import { keepFocusInside } from './sidebar-focus';
import { useCollapsed, useFocusAcrossCollapse } from './use-collapsed';
import { WidthButton } from './width-button';

export type SidebarConnection = { phase: 'connecting' } | { phase: 'no_tab' } | { phase: 'ready'; state: TabState | null };

/** What the sidebar can ask of the frame it is in (through the background: the page hears none of it). */
export interface FrameControls {
  /** The member opens or collapses it (remembered for every profile). */
  setOpen(open: boolean): void;
  /** Open it for this person only (a do-not-contact person). */
  reveal(): void;
  /** The person's warnings, for the toolbar badge. */
  reportWarnings(report: WarningsReport): void;
}

interface Props {
  connection: SidebarConnection;
  /** The frame in a page; absent (the browser's side panel), the sidebar has no collapsed tab, close or width buttons. */
  frame?: FrameControls;
}

/** The sidebar for whatever its tab shows: a person, a page still loading, or nobody. */
export function SidebarApp({ connection, frame }: Props) {
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => keepFocusInside(root.current!), []);
  useFocusAcrossCollapse(useCollapsed());
  return (
    <div ref={root}>
      {frame && <CollapsedTab connection={connection} frame={frame} />}
      <div className="sidebar">
        <header className="topbar">
          <span className="brand">Tandem</span>
          {frame && (
            <span>
              <WidthButton />
              <button type="button" className="icon" aria-label="Hide sidebar (Alt+Shift+T)" title="Hide sidebar (Alt+Shift+T)" onClick={() => frame.setOpen(false)}>
                ×
              </button>
            </span>
          )}
        </header>
        <main className="content">
          <Body connection={connection} />
        </main>
        <footer className="footer">
          <UndoToast />
          <ProfileHint />
          <SyncStatus />
          {!frame && <PageLinks />}
        </footer>
      </div>
    </div>
  );
}

function Body({ connection }: { connection: SidebarConnection }) {
  if (connection.phase === 'connecting') return <StateMessage busy text="Starting…" />;
  if (connection.phase === 'no_tab') return <StateMessage testId="no-person" text="This tab does not show a person. Open a LinkedIn profile to see what your team knows about them." />;
  const { state } = connection;
  switch (state?.status) {
    case 'identified':
      return (
        <SuppressionGate key={state.identity.key} identity={state.identity}>
          <ProspectPanel identity={state.identity} />
        </SuppressionGate>
      );
    case 'unidentified':
      return (
        <div data-testid="unidentified" className="state">
          <h1>Could not identify the person on this page</h1>
          <p className="muted">
            The page may be a login wall, a missing profile, or a layout Tandem does not read yet. Nothing was recorded.
          </p>
        </div>
      );
    case 'not_profile':
      return <StateMessage testId="no-person" text="This page does not show one person. Open a profile to see what your team knows." />;
    case 'pending':
    case undefined:
      return <StateMessage busy text="Reading the page…" />;
  }
}

function StateMessage({ text, busy = false, testId }: { text: string; busy?: boolean; testId?: string }) {
  return (
    <p className="state muted" aria-busy={busy} data-testid={testId}>
      {text}
    </p>
  );
}
