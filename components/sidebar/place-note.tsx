import { sidebarPlace } from '@/lib/storage-items';

/**
 * The side panel while Tandem shows in the page (Firefox lists its sidebar whatever the mode;
 * Chrome hides the panel then): says where Tandem is, and offers to move it here.
 */
export function PlaceNote() {
  return (
    <main className="content" data-testid="place-note">
      <h1>Tandem shows in the page</h1>
      <p className="muted">Options → “Show Tandem in” puts it on each profile’s page. Move it here to keep the pages as they are.</p>
      <button type="button" onClick={() => void sidebarPlace.setValue('panel')}>
        Show Tandem in this side panel
      </button>
    </main>
  );
}
