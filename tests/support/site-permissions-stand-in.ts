import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

/** What a registered content script holds, as far as Tandem uses it. */
interface Script {
  id: string;
  js?: string[];
  matches?: string[];
  runAt?: string;
  persistAcrossSessions?: boolean;
}
type Listener = (permissions: { origins?: string[] }) => void;

/**
 * The browser's permissions and scripting APIs, which WXT's fake browser does not implement,
 * kept in memory: what is granted, what is registered, and the member's answer to the prompt.
 * `withdraw` is the member taking a permission back in the browser's own settings.
 */
export function installSitePermissionsStandIn({ granted = [] as string[], answer = true } = {}) {
  const origins = new Set(granted);
  const scripts = new Map<string, Script>();
  const added = new Set<Listener>();
  const removed = new Set<Listener>();
  const event = (listeners: Set<Listener>) => ({
    addListener: (l: Listener) => void listeners.add(l),
    removeListener: (l: Listener) => void listeners.delete(l),
    hasListener: (l: Listener) => listeners.has(l),
  });
  const fire = (listeners: Set<Listener>, changed: string[]) => {
    for (const l of listeners) l({ origins: changed });
  };
  const stand = {
    answer,
    origins,
    scripts,
    request: vi.fn(({ origins: asked = [] }: { origins?: string[] }) => {
      if (!stand.answer) return Promise.resolve(false);
      const fresh = asked.filter((o) => !origins.has(o));
      fresh.forEach((o) => origins.add(o));
      if (fresh.length > 0) fire(added, fresh);
      return Promise.resolve(true);
    }),
    withdraw(gone: string[]) {
      gone.forEach((o) => origins.delete(o));
      fire(removed, gone);
    },
  };
  Object.assign(fakeBrowser.permissions, {
    getAll: () => Promise.resolve({ origins: [...origins], permissions: [] }),
    contains: ({ origins: asked = [] }: { origins?: string[] }) => Promise.resolve(asked.every((o) => origins.has(o))),
    request: stand.request,
    remove: ({ origins: gone = [] }: { origins?: string[] }) => {
      stand.withdraw(gone);
      return Promise.resolve(true);
    },
    onAdded: event(added),
    onRemoved: event(removed),
  });
  Object.assign(fakeBrowser.scripting, {
    getRegisteredContentScripts: ({ ids }: { ids?: string[] } = {}) => Promise.resolve([...scripts.values()].filter((s) => ids === undefined || ids.includes(s.id))),
    registerContentScripts: (list: Script[]) => {
      const duplicate = list.find((s) => scripts.has(s.id));
      if (duplicate) return Promise.reject(new Error(`Duplicate script ID '${duplicate.id}'`));
      list.forEach((s) => scripts.set(s.id, s));
      return Promise.resolve();
    },
    unregisterContentScripts: ({ ids = [...scripts.keys()] }: { ids?: string[] } = {}) => {
      const missing = ids.find((id) => !scripts.has(id));
      if (missing) return Promise.reject(new Error(`Nonexistent script ID '${missing}'`));
      ids.forEach((id) => scripts.delete(id));
      return Promise.resolve();
    },
  });
  return stand;
}
