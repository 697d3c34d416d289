import { parsePlanSource } from '../../api/planSource';
import { isFinalStatus, type GuideProgress } from '../../api/types';

/** Said while a language model writes the plan. */
export const PLANNING_TEXT = 'A language model is writing the plan…';

/** Providers' names as people know them; others are shown as the server spells them. */
const PROVIDER_NAMES: Record<string, string> = {
  gemini: 'Gemini',
  openai: 'OpenAI',
};

export function providerName(provider: string): string {
  return PROVIDER_NAMES[provider.toLowerCase()] ?? provider;
}

/** Whether a language model is writing the guide's plan now (nothing is drawn yet). */
export function isPlanning(progress: GuideProgress): boolean {
  return progress.phase === 'planning' && !progress.plan_source && !isFinalStatus(progress.status);
}

function repairsText(repairs: number | null | undefined): string {
  if (typeof repairs !== 'number' || repairs < 1) return '';
  return `, after ${repairs} ${repairs === 1 ? 'repair' : 'repairs'}`;
}

/**
 * Who wrote the plan the pictures are drawn from, as a sentence: "Plan by
 * gemini-3.8-flash (Gemini), after 1 repair", "Plan by the offline reader —
 * the language model failed: REASON", "Plan given with the request"; the
 * planning line while a model writes it; null when the server does not say
 * (older servers).
 */
export function planSourceText(progress: GuideProgress): string | null {
  if (isPlanning(progress)) return PLANNING_TEXT;
  const source = progress.plan_source;
  if (typeof source !== 'string' || source.trim() === '') return null;
  const info = parsePlanSource(source);
  switch (info.kind) {
    case 'offline':
      return 'Plan by the offline reader';
    case 'fallback':
      return info.reason
        ? `Plan by the offline reader — the language model failed: ${info.reason}`
        : 'Plan by the offline reader — the language model failed';
    case 'model': {
      const provider = providerName(info.provider);
      const author = info.model ? `${info.model} (${provider})` : provider;
      return `Plan by ${author}${repairsText(progress.plan_repairs)}`;
    }
    case 'request':
      return 'Plan given with the request';
    case 'other':
      return `Plan by ${info.source}`;
  }
}
