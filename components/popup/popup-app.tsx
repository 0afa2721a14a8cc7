import { useLiveQuery } from 'dexie-react-hooks';
import { browser } from 'wxt/browser';
import { WarningList, warningsFor } from '@/components/prospect/outreach-guard';
import { FEED_PAGE, useProspectView } from '@/components/prospect/use-prospect-view';
import { BatchTray } from '@/components/review-batch/batch-tray';
import { FirstSyncProgress } from '@/components/sync/first-sync-progress';
import { SyncStatus } from '@/components/sync/sync-status';
import { PageLinks } from '@/components/ui/page-links';
import { WaitingWork } from './waiting-work';
import { useDb } from '@/components/ui/db-context';
import { plural } from '@/components/ui/plural';
import { useNow } from '@/components/ui/use-now';
import { readSession, readSyncState } from '@/lib/sync/session';
import type { ProspectIdentity } from '@/lib/model';
import type { ActiveTab } from './use-active-tab';

interface Props {
  active: ActiveTab;
  /** Whether the sidebar is shown on pages (null: not known), so the button offers the other. */
  sidebarShown?: boolean | null;
  onShowSidebar?: (tabId: number, open: boolean) => void;
}

/** At a glance: who the current tab shows and how much the team has on them. */
export function PopupApp({ active, sidebarShown = null, onShowSidebar }: Props) {
  const now = useNow();
  return (
    <div className="popup">
      <header>
        <h1 className="brand">Tandem</h1>
      </header>
      <main>
        <SignInPrompt />
        <Current active={active} sidebarShown={sidebarShown} onShowSidebar={onShowSidebar} />
        <WaitingWork now={now} />
        <BatchTray compact />
      </main>
      <footer>
        <FirstSyncProgress />
        <SyncStatus />
        <PageLinks />
      </footer>
    </div>
  );
}

/** Signed out (never signed in, or the server refused this device): the way back in. */
function SignInPrompt() {
  const db = useDb();
  const signedOut = useLiveQuery(async () => !(await readSession(db)) || (await readSyncState(db)).status === 'signed_out', [db]);
  if (!signedOut) return null;
  return (
    <section className="sign-in-prompt" aria-label="Team">
      <p className="muted small">Not signed in to a team: notes and history stay on this device.</p>
      <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
        Sign in to your team
      </button>
    </section>
  );
}

function Current({ active, sidebarShown, onShowSidebar }: Props) {
  if (active.phase === 'loading') return <p className="muted">Loading…</p>;
  const { state, tabId } = active;
  if (state?.status === 'identified' && tabId !== null) {
    const shown = sidebarShown ?? false;
    const toggle = onShowSidebar && { label: shown ? 'Hide sidebar' : 'Show sidebar', run: () => onShowSidebar(tabId, !shown) };
    return <PersonSummary identity={state.identity} toggle={toggle} />;
  }
  if (state?.status === 'pending') return <p className="muted">Reading the page…</p>;
  if (state?.status === 'unidentified') return <p>Tandem could not identify the person on this page.</p>;
  return <p className="muted">This tab does not show a profile. Open a LinkedIn profile to see what your team knows.</p>;
}

function PersonSummary({ identity, toggle }: { identity: ProspectIdentity; toggle: { label: string; run: () => void } | undefined }) {
  const view = useProspectView(identity);
  const now = useNow();
  const warnings = view ? warningsFor(view, now) : [];
  return (
    <section aria-label="Current tab">
      <h2 className="person-name" data-testid="popup-name" dir="auto">
        {identity.name}
      </h2>
      {identity.headline && (
        <p className="muted" dir="auto">
          {identity.headline}
        </p>
      )}
      {view && (
        <ul className="counts" data-testid="popup-counts">
          <li>{view.feed.more ? `${FEED_PAGE}+ activities` : plural(view.feed.activities.length, 'activity', 'activities')}</li>
          <li>{plural(view.notes.length, 'note', 'notes')}</li>
        </ul>
      )}
      {view && warnings.length > 0 && <WarningList warnings={warnings} view={view} now={now} data-testid="popup-warnings" className="popup-warnings" aria-label="Before you reach out" />}
      {view?.prospect === null && <p className="muted">New to your team.</p>}
      {toggle && (
        <button type="button" onClick={toggle.run}>
          {toggle.label}
        </button>
      )}
    </section>
  );
}
