import type { GuideRequest } from './types';

/**
 * The progress JSON carries no texts, so the UI keeps the request it sent,
 * per guide, for the rest of the browser session.
 */
const keyFor = (guideId: string) => `stepcast:guide:${guideId}`;

function store(guideId: string, request: GuideRequest): boolean {
  try {
    sessionStorage.setItem(keyFor(guideId), JSON.stringify(request));
    return true;
  } catch {
    return false;
  }
}

/**
 * Keeps the request; without its concept image (up to 4 MiB) where that
 * does not fit, so the texts stay. Storage disabled: the guide page falls
 * back to "Step N" titles.
 */
export function rememberSubmittedGuide(guideId: string, request: GuideRequest): void {
  if (store(guideId, request) || !request.concept_image) return;
  const { concept_image: _dropped, ...texts } = request;
  store(guideId, texts);
}

export function recallSubmittedGuide(guideId: string): GuideRequest | null {
  try {
    const stored = sessionStorage.getItem(keyFor(guideId));
    if (!stored) return null;
    const parsed: unknown = JSON.parse(stored);
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      Array.isArray((parsed as { steps?: unknown }).steps)
    ) {
      return parsed as GuideRequest;
    }
  } catch {
    // Unreadable: treat as absent.
  }
  return null;
}
