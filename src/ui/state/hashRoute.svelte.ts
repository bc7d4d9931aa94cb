/**
 * Hash-based routes, so a reload of a deep link works on any static host (no rewrites):
 *   #/lesson/<section-id>   a lesson section
 *   #/lab                   the lab (on a phone, the lab tab)
 *   #/share/<code>          a shared scenario or sandbox, replayed on load
 */
export type Route = { view: 'lesson'; section: string | null } | { view: 'lab' } | { view: 'share'; hash: string };

export function parseHash(hash: string): Route {
  if (hash.startsWith('#/share/')) return { view: 'share', hash };
  if (hash === '#/lab') return { view: 'lab' };
  const m = /^#\/lesson\/([a-z0-9-]{1,64})$/.exec(hash);
  return { view: 'lesson', section: m ? m[1]! : null };
}

export function routeHash(route: Route): string {
  if (route.view === 'share') return route.hash;
  if (route.view === 'lab') return '#/lab';
  return route.section ? `#/lesson/${route.section}` : '#/lesson';
}

class HashRoute {
  route = $state<Route>(parseHash(typeof location === 'undefined' ? '' : location.hash));

  start(): void {
    window.addEventListener('hashchange', () => (this.route = parseHash(location.hash)));
  }

  /** Moves to a route; `replace` keeps the back button free of every small step. */
  go(route: Route, replace = false): void {
    const hash = routeHash(route);
    if (location.hash !== hash) {
      if (replace) history.replaceState(null, '', hash);
      else location.hash = hash;
    }
    this.route = route;
  }
}

export const hashRoute = new HashRoute();
