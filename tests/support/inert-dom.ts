import { Window } from 'happy-dom';

/**
 * A parser for saved pages with the identify CLI's settings: no scripts, no file, CSS or iframe
 * loads. (happy-dom's DOMParser documents do try to load stylesheets and iframes; the test
 * environment's Window refuses too, but prints a stack for each refusal, and this one's console
 * is virtual.) Close it when done.
 */
export function inertParser(url = 'https://www.linkedin.com/') {
  const window = new Window({
    url,
    settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true, disableIframePageLoading: true },
  });
  return {
    parse: (html: string) => new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document,
    close: () => window.happyDOM.close(),
  };
}
