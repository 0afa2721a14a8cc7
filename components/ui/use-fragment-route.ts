import { useCallback, useEffect, useState } from 'react';

/**
 * A page's route kept in the URL fragment, so other pages can link into it and Back works:
 * read with `parse`, written with `format` (a new history entry only when it changes).
 */
export function useFragmentRoute<Route>(parse: (hash: string) => Route, format: (route: Route) => string): [Route, (route: Route) => void] {
  const [route, setRoute] = useState(() => parse(window.location.hash));
  useEffect(() => {
    const follow = () => setRoute(parse(window.location.hash));
    window.addEventListener('hashchange', follow);
    window.addEventListener('popstate', follow);
    return () => {
      window.removeEventListener('hashchange', follow);
      window.removeEventListener('popstate', follow);
    };
  }, [parse]);
  const navigate = useCallback(
    (next: Route) => {
      const hash = format(next);
      if (window.location.hash !== hash) window.history.pushState(null, '', hash || window.location.pathname + window.location.search);
      setRoute(next);
    },
    [format],
  );
  return [route, navigate];
}
