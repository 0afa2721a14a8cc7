import { browser } from 'wxt/browser';

/** Tandem's own pages, from the popup (or the side panel, which replaces it in that mode). */
export function PageLinks() {
  const page = (path: '/review.html' | '/requisitions.html' | '/dashboard.html') => void browser.tabs.create({ url: browser.runtime.getURL(path) });
  return (
    <nav className="row popup-links" aria-label="Tandem pages">
      <button type="button" className="link" onClick={() => page('/review.html')}>
        Reviews
      </button>
      <button type="button" className="link" onClick={() => page('/requisitions.html')}>
        Requisitions
      </button>
      <button type="button" className="link" onClick={() => page('/dashboard.html')}>
        Dashboard
      </button>
      <button type="button" className="link" onClick={() => void browser.runtime.openOptionsPage()}>
        Options
      </button>
    </nav>
  );
}
