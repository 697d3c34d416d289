import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/** A tiny History API router: a few routes, no dependencies. */

export type Route =
  | { page: 'new-guide' }
  /** A guide's pictures (`/guides/:id`) or its plan editor (`/guides/:id/plan`, `?step=3` opens it at step 3). */
  | { page: 'guide'; guideId: string; view: 'storyboard' | 'plan'; step?: number }
  | { page: 'not-found' };

const NAVIGATED = 'stepcast:navigated';

export function routeFor(pathname: string, search = ''): Route {
  if (pathname === '/' || pathname === '') return { page: 'new-guide' };
  const guide = /^\/guides\/([^/]+)(\/plan)?\/?$/.exec(pathname);
  if (guide?.[1]) {
    const guideId = decodeURIComponent(guide[1]);
    if (!guide[2]) return { page: 'guide', guideId, view: 'storyboard' };
    const step = Number(new URLSearchParams(search).get('step'));
    return Number.isInteger(step) && step >= 1 ? { page: 'guide', guideId, view: 'plan', step } : { page: 'guide', guideId, view: 'plan' };
  }
  return { page: 'not-found' };
}

export function guidePath(guideId: string): string {
  return `/guides/${encodeURIComponent(guideId)}`;
}

/** The plan editor of a guide, opened at a step if one is given. */
export function planPath(guideId: string, step?: number): string {
  return `${guidePath(guideId)}/plan${step ? `?step=${step}` : ''}`;
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

/** The current query string ("?step=3"); re-renders on navigate() and on back/forward. */
export function useCurrentSearch(): string {
  return useSyncExternalStore(
    subscribe,
    () => window.location.search,
    () => '',
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
