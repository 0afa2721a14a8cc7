/** What the keyboard can reach without help; anything else gets tabindex -1 before it is focused. */
const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]';

/** Focuses an element, making it focusable from script first if it is not (a heading, a region, a list item). */
export function focusElement(element: HTMLElement): void {
  if (!element.matches(FOCUSABLE)) element.tabIndex = -1;
  element.focus();
}

function firstControl(element: Element): HTMLElement | null {
  const control = element.matches(FOCUSABLE) ? element : element.querySelector(FOCUSABLE);
  return control instanceof HTMLElement ? control : null;
}

/** An element's first control, else the element itself. */
function focusTarget(element: Element): HTMLElement | null {
  return firstControl(element) ?? (element instanceof HTMLElement ? element : null);
}

/**
 * Where focus goes when the keyboard arrives in the sidebar (the shortcut, the skip link,
 * opening it from its tab): the warnings if there are any, since they are what to read first,
 * else the person's name; N, Tab and the other keys work from there. False when it did not take focus (none yet, or hidden).
 */
export function focusStart(doc: Document): boolean {
  const start = START.map((selector) => doc.querySelector<HTMLElement>(selector)).find(Boolean);
  if (!start) return false;
  focusElement(start);
  return doc.activeElement === start;
}

/** In order of preference (a selector list would give the first in the document instead). */
const START = ['[data-testid="outreach-warning"]', '[data-testid="prospect-name"]', '.sidebar .content'];

interface Step {
  node: Element;
  parent: Element;
  previous: Element | null;
}

/**
 * Keeps focus inside `root` when the element that has it is removed (a deleted note, an edit
 * left, a form closed, a message dismissed), where the browser would drop it to <body> and a
 * keyboard user would start again from the top. Focus goes to the first control of what replaced
 * the removed element (the Edit button after an edit), else to what now stands where it stood
 * (the next note: its first control, else itself), else to what stood before it, else to the
 * container; focus on the start (see focusStart) stays on the start, wherever it is drawn again.
 * Nothing happens if something else took focus meanwhile.
 */
export function keepFocusInside(root: HTMLElement): () => void {
  const doc = root.ownerDocument;
  /** The focused element and its ancestors up to `root`, each with its parent and previous sibling at the time. */
  let trail: Step[] = [];

  const remember = (focused: Element | null) => {
    trail = [];
    for (let node = focused; node && node !== root && node.parentElement; node = node.parentElement) {
      trail.push({ node, parent: node.parentElement, previous: node.previousElementSibling });
    }
  };
  const onFocusIn = (event: FocusEvent) => remember(event.target as Element | null);

  const rescue = (records: MutationRecord[]) => {
    const focused = trail[0];
    if (!focused || focused.node.isConnected || !doc.hasFocus() || (doc.activeElement && doc.activeElement !== doc.body)) return;
    // The start drawn again elsewhere (the page's name once the suppression check answered): the start.
    if (START.some((selector) => focused.node.matches(selector)) && focusStart(doc)) {
      trail = [];
      return;
    }
    // The outermost element that went, in a container that is still there.
    const gone = trail.find((step) => !step.node.isConnected && step.parent.isConnected);
    trail = [];
    if (!gone) return;
    const { parent, previous } = gone;
    const added = new Set(records.filter((r) => r.target === parent).flatMap((r) => [...r.addedNodes]));
    const replacement = [...parent.children].filter((child) => added.has(child)).map((child) => firstControl(child)).find(Boolean);
    const before = previous?.parentElement === parent ? previous : null;
    const target = replacement ?? focusTarget((before ? before.nextElementSibling : parent.firstElementChild) ?? before ?? parent);
    if (target) focusElement(target);
  };

  const observer = new MutationObserver(rescue);
  observer.observe(root, { childList: true, subtree: true });
  root.addEventListener('focusin', onFocusIn);
  // Focus may already be inside: the first paint hands it on before this runs.
  if (root.contains(doc.activeElement)) remember(doc.activeElement);
  return () => {
    observer.disconnect();
    root.removeEventListener('focusin', onFocusIn);
  };
}
