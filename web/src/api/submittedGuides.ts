import type { GuideRequest } from './types';

/**
 * The progress JSON carries no texts, so the UI keeps the request it sent,
 * per guide, for the rest of the browser session.
 */
const keyFor = (guideId: string) => `stepcast:guide:${guideId}`;

export function rememberSubmittedGuide(guideId: string, request: GuideRequest): void {
  try {
    sessionStorage.setItem(keyFor(guideId), JSON.stringify(request));
  } catch {
    // Storage full or disabled: the guide page falls back to "Step N" titles.
  }
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
