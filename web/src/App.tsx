import { useEffect, useRef } from 'react';
import { apiBaseUrl, cloudEnginesConfigured } from './config';
import { GuidePage } from './pages/GuidePage';
import { NewGuidePage } from './pages/NewGuidePage';
import { Link, routeFor, useCurrentPath, useCurrentSearch } from './routing/router';

export interface AppProps {
  apiUrl?: string;
  /** Offer the photo style; absent: whatever the build or the server says. */
  photoAvailable?: boolean;
}

function NotFoundPage() {
  return (
    <section aria-labelledby="not-found-heading">
      <h1 id="not-found-heading" tabIndex={-1}>
        Page not found
      </h1>
      <p>
        <Link to="/">Start a new guide</Link>
      </p>
    </section>
  );
}

/** Moves the focus to the new page's heading (or the element it marks with data-navigation-focus) after an in-app navigation (not on first load). */
function useFocusHeadingOnNavigation(path: string) {
  const main = useRef<HTMLElement>(null);
  const previousPath = useRef<string | null>(null);
  useEffect(() => {
    if (previousPath.current !== null && previousPath.current !== path) {
      // A page may name what the reader starts from (the plan editor's heading); else its h1.
      const start = main.current?.querySelector<HTMLElement>('[data-navigation-focus]') ?? main.current?.querySelector<HTMLElement>('h1');
      start?.focus();
    }
    previousPath.current = path;
  }, [path]);
  return main;
}

export function App({ apiUrl = apiBaseUrl(), photoAvailable }: AppProps) {
  const path = useCurrentPath();
  const search = useCurrentSearch();
  const route = routeFor(path, search);
  const main = useFocusHeadingOnNavigation(path);
  const photo = photoAvailable ?? (cloudEnginesConfigured() ? true : undefined);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <Link to="/" className="site-header__brand">
          stepcast
        </Link>
        <nav aria-label="Main">
          <Link to="/" aria-current={route.page === 'new-guide' ? 'page' : undefined}>
            New guide
          </Link>
        </nav>
      </header>
      <main id="main" ref={main} className={route.page === 'guide' && route.view === 'plan' ? 'site-main site-main--wide' : 'site-main'}>
        {route.page === 'new-guide' && <NewGuidePage apiUrl={apiUrl} photoAvailable={photo} />}
        {route.page === 'guide' && (
          <GuidePage key={route.guideId} guideId={route.guideId} apiUrl={apiUrl} view={route.view} initialStep={route.step} />
        )}
        {route.page === 'not-found' && <NotFoundPage />}
      </main>
    </>
  );
}
