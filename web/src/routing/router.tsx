import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/** A tiny History API router: two routes, no dependencies. */

export type Route = { page: 'new-guide' } | { page: 'guide'; guideId: string } | { page: 'not-found' };

const NAVIGATED = 'stepcast:navigated';

export function routeFor(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { page: 'new-guide' };
  const guide = /^\/guides\/([^/]+)\/?$/.exec(pathname);
  if (guide?.[1]) return { page: 'guide', guideId: decodeURIComponent(guide[1]) };
  return { page: 'not-found' };
}

export function guidePath(guideId: string): string {
  return `/guides/${encodeURIComponent(guideId)}`;
}

export function navigate(path: string): void {
  window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATED));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATED, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATED, onChange);
  };
}

/** The current path; re-renders on navigate() and on back/forward. */
export function useCurrentPath(): string {
  return useSyncExternalStore(
    subscribe,
    () => window.location.pathname,
    () => '/',
  );
}

function isPlainLeftClick(event: MouseEvent<HTMLAnchorElement>): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

export interface LinkProps extends AnchorHTMLAttributes<HTMLAnchorElement> {
  to: string;
}

/** An ordinary link that navigates without reloading the page. */
export function Link({ to, onClick, ...anchorProps }: LinkProps) {
  return (
    <a
      {...anchorProps}
      href={to}
      onClick={(event) => {
        onClick?.(event);
        if (event.defaultPrevented || !isPlainLeftClick(event) || anchorProps.target) return;
        event.preventDefault();
        navigate(to);
      }}
    />
  );
}
