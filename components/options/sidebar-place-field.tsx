import { useSidebarPlace } from '@/components/sidebar/use-sidebar-place';
import type { SidebarPlace } from '@/lib/page/sidebar-place';
import { openSidePanel } from '@/lib/side-panel';
import { sidebarPlace } from '@/lib/storage-items';

/**
 * In the page (the sidebar frame) or in the browser's side panel. Takes effect at once on open
 * tabs; choosing the side panel opens it, since the browser opens it only on the member's action.
 */
export function SidebarPlaceField() {
  const place = useSidebarPlace() ?? 'page';
  const choose = (next: SidebarPlace) => {
    if (next === 'panel') void openSidePanel().catch((e: unknown) => console.warn('Tandem side panel:', e));
    void sidebarPlace.setValue(next);
  };
  return (
    <div className="field">
      <label htmlFor="sidebar-place">Show Tandem in</label>
      <select id="sidebar-place" value={place} onChange={(e) => choose(e.target.value as SidebarPlace)} aria-describedby="sidebar-place-note">
        <option value="page">the page</option>
        <option value="panel">the browser’s side panel</option>
      </select>
      <p id="sidebar-place-note" className="muted small">
        In the side panel nothing is added to the pages you visit; the panel follows the person of the tab you are on. The toolbar button and Alt+Shift+T open it.
      </p>
    </div>
  );
}
