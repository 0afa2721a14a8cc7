import { Window } from 'happy-dom';
import { afterAll } from 'vitest';

/**
 * A parser for saved pages, with the identify CLI's settings: no scripts, no file, CSS or iframe
 * loads. (happy-dom's DOMParser documents do try to load stylesheets and iframes; the test
 * environment's Window refuses too, but prints a stack for each refusal, and this one's console
 * is virtual.) Call at a test file's top level: the Window is closed after the file's tests.
 */
export function inertParser(url: string): (html: string) => Document {
  const inert = new Window({
    url,
    settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true, disableIframePageLoading: true },
  });
  afterAll(() => inert.happyDOM.close());
  return (html) => new inert.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}
