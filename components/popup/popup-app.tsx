import { browser } from 'wxt/browser';
import { warningsFor } from '@/components/prospect/outreach-guard';
import { useProspectView } from '@/components/prospect/use-prospect-view';
import { BatchTray } from '@/components/review-batch/batch-tray';
import { SyncStatus } from '@/components/sync/sync-status';
import { WaitingWork } from './waiting-work';
import { plural } from '@/components/ui/plural';
import { useNow } from '@/components/ui/use-now';
import type { ProspectIdentity } from '@/lib/model';
import type { ActiveTab } from './use-active-tab';

interface Props {
  active: ActiveTab;
  onShowSidebar?: (tabId: number) => void;
}

/** At a glance: who the current tab shows and how much the team has on them. */
export function PopupApp({ active, onShowSidebar }: Props) {
  const now = useNow();
  const page = (path: '/review.html' | '/requisitions.html') => void browser.tabs.create({ url: browser.runtime.getURL(path) });
  return (
    <div className="popup">
      <header>
        <h1 className="brand">Tandem</h1>
      </header>
      <main>
        <Current active={active} onShowSidebar={onShowSidebar} />
        <WaitingWork now={now} />
        <BatchTray compact />
      </main>
      <footer>
        <SyncStatus />
        <nav className="row popup-links" aria-label="Tandem pages">
          <button type="button" className="link" onClick={() => page('/review.html')}>
            Reviews
          </button>
          <button type="button" className="link" onClick={() => page('/requisitions.html')}>
            Requisitions
          </button>
          <button type="button" className="link" onClick={() => void browser.runtime.openOptionsPage()}>
            Options
          </button>
        </nav>
      </footer>
    </div>
  );
}

function Current({ active, onShowSidebar }: Props) {
  if (active.phase === 'loading') return <p className="muted">Loading…</p>;
  const { state, tabId } = active;
  if (state?.status === 'identified' && tabId !== null) {
    return <PersonSummary identity={state.identity} onShow={onShowSidebar && (() => onShowSidebar(tabId))} />;
  }
  if (state?.status === 'pending') return <p className="muted">Reading the page…</p>;
  if (state?.status === 'unidentified') return <p>Tandem could not identify the person on this page.</p>;
  return <p className="muted">This tab does not show a profile. Open a LinkedIn profile to see what your team knows.</p>;
}

function PersonSummary({ identity, onShow }: { identity: ProspectIdentity; onShow: (() => void) | undefined }) {
  const view = useProspectView(identity.key);
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
          <li>{plural(view.activities.length, 'activity', 'activities')}</li>
          <li>{plural(view.notes.length, 'note', 'notes')}</li>
          <li>{plural(warnings.length, 'warning', 'warnings')}</li>
        </ul>
      )}
      {view?.prospect === null && <p className="muted">New to your team.</p>}
      {onShow && (
        <button type="button" onClick={onShow}>
          Show sidebar
        </button>
      )}
    </section>
  );
}
