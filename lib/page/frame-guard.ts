import type { ContentScriptContext } from 'wxt/utils/content-script-context';

/** How an element the content script mounted should be: its attributes, its parent, and whether it comes first there. */
export interface Mounted {
  element: Element;
  parent: Node;
  attributes: ReadonlyMap<string, string>;
  /** Mounted as the parent's first child (the skip link, first in the tab order), and kept there. */
  first: boolean;
}

/** What the page changed on a mounted element, put back by `restore`. */
export type Change = `attribute:${string}` | 'place';

export function snapshot(element: Element, parent: Node): Mounted {
  return { element, parent, attributes: new Map([...element.attributes].map((a) => [a.name, a.value])), first: parent.firstChild === element };
}

/** The changes from how the element was mounted, in a stable order; empty when it is untouched. */
export function changesOf({ element, parent, attributes, first }: Mounted): Change[] {
  const changes: Change[] = [];
  for (const [name, value] of attributes) if (element.getAttribute(name) !== value) changes.push(`attribute:${name}`);
  for (const { name } of element.attributes) if (!attributes.has(name)) changes.push(`attribute:${name}`);
  if (element.parentNode !== parent || (first && parent.firstChild !== element)) changes.push('place');
  return changes;
}

/** Puts the element back as it was mounted; returns what it changed. */
export function restore(mounted: Mounted): Change[] {
  const changes = changesOf(mounted);
  const { element, parent, attributes, first } = mounted;
  for (const change of changes) {
    if (change === 'place') continue;
    const name = change.slice('attribute:'.length);
    const value = attributes.get(name);
    if (value === undefined) element.removeAttribute(name);
    else element.setAttribute(name, value);
  }
  if (changes.includes('place')) parent.insertBefore(element, first ? parent.firstChild : null);
  return changes;
}

export interface ElementGuard {
  /**
   * The owner's own change: puts back whatever the page changed first (so it cannot ride
   * along), makes the change, and takes the result as how the elements should be.
   */
  update(change: () => void): void;
  stop(): void;
}

/** Restores at most this many times a second, so a page that fights back cannot spin the tab. */
const RESTORES_PER_SECOND = 30;

/**
 * Counts restores against RESTORES_PER_SECOND: `take()` is false once they are used up, and
 * `retry` runs when they are back, so a page that fights is answered once a second instead of
 * in a tight loop.
 */
export function restoreBudget(ctx: Pick<ContentScriptContext, 'setTimeout'>, retry: () => void): { take(): boolean } {
  let budget = RESTORES_PER_SECOND;
  let refill: number | undefined;
  return {
    take() {
      refill ??= ctx.setTimeout(() => {
        refill = undefined;
        budget = RESTORES_PER_SECOND;
        retry();
      }, 1000);
      if (budget === 0) return false;
      budget--;
      return true;
    },
  };
}

/**
 * Puts elements back whenever the page changes them: any attribute (so `src`, `style`,
 * `hidden`, `class`…) or their place under `parent`. A MutationObserver sees each change a
 * microtask after it, before the page paints. Owned by `ctx`: gone when the script is invalidated.
 */
export function guardElements(
  ctx: Pick<ContentScriptContext, 'onInvalidated' | 'setTimeout'>,
  parent: Node,
  elements: Element[],
  onRestore: (element: Element, changes: Change[]) => void = () => undefined,
): ElementGuard {
  let mounted = elements.map((e) => snapshot(e, parent));
  let stopped = false;
  const budget = restoreBudget(ctx, () => check());

  function check() {
    if (stopped) return;
    for (const m of mounted) {
      if (changesOf(m).length === 0) continue;
      if (!budget.take()) return;
      onRestore(m.element, restore(m));
    }
  }

  const observer = new MutationObserver(check);
  observer.observe(parent, { childList: true });
  for (const e of elements) observer.observe(e, { attributes: true });

  const stop = () => {
    stopped = true;
    observer.disconnect();
  };
  ctx.onInvalidated(stop);
  return {
    update: (change) => {
      for (const m of mounted) {
        const changes = restore(m);
        if (changes.length > 0) onRestore(m.element, changes);
      }
      change();
      mounted = elements.map((e) => snapshot(e, parent));
    },
    stop,
  };
}
