import { useSidebarLayout } from '@/components/sidebar/use-sidebar-layout';
import { type SidebarWidth, WIDTH_PX } from '@/lib/page/sidebar-layout';
import { SidebarPlaceField } from './sidebar-place-field';

/** The sidebar's width, and whether it covers the page or pushes it aside; saved at once, for every profile. */
export function SidebarLayoutFields() {
  const [layout, update] = useSidebarLayout();
  return (
    <>
      <SidebarPlaceField />
      <div className="field">
        <label htmlFor="sidebar-width">Sidebar width</label>
        <select id="sidebar-width" value={layout.width} onChange={(e) => update({ width: e.target.value as SidebarWidth })}>
          <option value="standard">Standard ({WIDTH_PX.standard} px)</option>
          <option value="narrow">Narrow ({WIDTH_PX.narrow} px)</option>
        </select>
      </div>
      <div className="field checkbox">
        <label>
          <input type="checkbox" checked={layout.push} onChange={(e) => update({ push: e.target.checked })} aria-describedby="sidebar-push-note" />
          Push the page aside instead of covering it
        </label>
        <p id="sidebar-push-note" className="muted small">
          While the sidebar is open the page gets narrower. Bars the page fixes to the window, like LinkedIn’s top bar and messaging, stay under the sidebar.
        </p>
      </div>
    </>
  );
}
