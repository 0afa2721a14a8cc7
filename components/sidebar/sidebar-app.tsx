import { UndoToast } from '@/components/ui/undo-toast';
import { ProspectPanel } from '@/components/prospect/prospect-panel';
import { SyncStatus } from '@/components/sync/sync-status';
import { ProfileHint } from './profile-hint';
import type { TabState } from '@/lib/tabs/tab-state';

export type SidebarConnection = { phase: 'connecting' } | { phase: 'no_tab' } | { phase: 'ready'; state: TabState | null };

interface Props {
  connection: SidebarConnection;
  onClose?: () => void;
}

/** The sidebar for whatever its tab shows: a person, a page still loading, or nobody. */
export function SidebarApp({ connection, onClose }: Props) {
  return (
    <div className="sidebar">
      <header className="topbar">
        <span className="brand">Tandem</span>
        {onClose && (
          <button type="button" className="icon" aria-label="Hide sidebar (Alt+Shift+T)" title="Hide sidebar (Alt+Shift+T)" onClick={onClose}>
            ×
          </button>
        )}
      </header>
      <main className="content">
        <Body connection={connection} />
      </main>
      <footer className="footer">
        <UndoToast />
        <ProfileHint />
        <SyncStatus />
      </footer>
    </div>
  );
}

function Body({ connection }: { connection: SidebarConnection }) {
  if (connection.phase === 'connecting') return <StateMessage busy text="Starting…" />;
  if (connection.phase === 'no_tab') return <StateMessage text="Open a LinkedIn profile to see what your team knows about the person." />;
  const { state } = connection;
  switch (state?.status) {
    case 'identified':
      return <ProspectPanel key={state.identity.key} identity={state.identity} />;
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
      return <StateMessage text="This page does not show one person. Open a profile to see what your team knows." />;
    case 'pending':
    case undefined:
      return <StateMessage busy text="Reading the page…" />;
  }
}

function StateMessage({ text, busy = false }: { text: string; busy?: boolean }) {
  return (
    <p className="state muted" aria-busy={busy}>
      {text}
    </p>
  );
}
