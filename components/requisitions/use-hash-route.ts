import { useFragmentRoute } from '@/components/ui/use-fragment-route';

/**
 * Which requisition the page shows lives in the URL fragment, so the popup and the sidebar can
 * link to one (`requisitions.html#<id>`) and Back works: `#new`, `#<id>`, `#<id>/edit`.
 */
export type Route = { kind: 'none' } | { kind: 'new' } | { kind: 'view'; id: string } | { kind: 'edit'; id: string };

const ULID = /^([0-9A-HJKMNP-TV-Z]{26})(\/edit)?$/i;

export function parseHash(hash: string): Route {
  let fragment = hash.replace(/^#/, '');
  try {
    fragment = decodeURIComponent(fragment);
  } catch {
    return { kind: 'none' };
  }
  if (fragment === 'new') return { kind: 'new' };
  const match = ULID.exec(fragment);
  if (!match) return { kind: 'none' };
  const id = match[1]!.toUpperCase();
  return match[2] ? { kind: 'edit', id } : { kind: 'view', id };
}

export function routeHash(route: Route): string {
  switch (route.kind) {
    case 'none':
      return '';
    case 'new':
      return '#new';
    case 'view':
      return `#${route.id}`;
    case 'edit':
      return `#${route.id}/edit`;
  }
}

export function useHashRoute(): [Route, (route: Route) => void] {
  return useFragmentRoute(parseHash, routeHash);
}
