import type { ActiveTabEvents } from '@/lib/tabs/active-tab';

type Activated = (info: { tabId: number; windowId: number }) => void;
type Replaced = (added: number, removed: number) => void;

/**
 * The tabs of a browser's windows as the side panel sees them (lib/tabs/active-tab.ts): which tab
 * is active in each window, and the events a member's switching fires. `answerLate` holds the
 * answer to the panel's first question until `answer()`, to order events around it.
 */
export function fakeTabs({ active, answerLate = false }: { active: Record<number, number | undefined>; answerLate?: boolean }) {
  const activated = new Set<Activated>();
  const replaced = new Set<Replaced>();
  const pending: (() => void)[] = [];
  const tabs: ActiveTabEvents = {
    query: ({ windowId }) =>
      new Promise((resolve) => {
        const reply = () => resolve(active[windowId] === undefined ? [] : [{ id: active[windowId] }]);
        if (answerLate) pending.push(reply);
        else reply();
      }),
    onActivated: { addListener: (f) => activated.add(f), removeListener: (f) => activated.delete(f) },
    onReplaced: { addListener: (f) => replaced.add(f), removeListener: (f) => replaced.delete(f) },
  };
  return {
    tabs,
    activate(windowId: number, tabId: number) {
      active[windowId] = tabId;
      activated.forEach((f) => f({ tabId, windowId }));
    },
    replace(added: number, removed: number) {
      replaced.forEach((f) => f(added, removed));
    },
    answer: () => pending.splice(0).forEach((reply) => reply()),
    listeners: () => activated.size + replaced.size,
  };
}
