/** Reading a guide's `plan_source` (see GuideProgress). */

/** Who wrote a guide's plan, from its `plan_source`. */
export type PlanSourceInfo =
  | { kind: 'offline' }
  /** The offline reader, because the language model failed; the reason is the server's sentence ('' when it gave none). */
  | { kind: 'fallback'; reason: string }
  /** A language model: `gemini:gemini-3.8-flash` is provider `gemini`, model `gemini-3.8-flash`. */
  | { kind: 'model'; provider: string; model: string }
  /** The request carried a hand-written plan. */
  | { kind: 'request' }
  /** A source this UI does not know (a newer server), shown as it is. */
  | { kind: 'other'; source: string };

const FALLBACK = /^offline\s*\(fallback(?::\s*([\s\S]*))?\)$/;

export function parsePlanSource(source: string): PlanSourceInfo {
  const trimmed = source.trim();
  if (trimmed === 'offline') return { kind: 'offline' };
  if (trimmed === 'request') return { kind: 'request' };
  const fallback = FALLBACK.exec(trimmed);
  if (fallback) return { kind: 'fallback', reason: (fallback[1] ?? '').trim() };
  const colon = trimmed.indexOf(':');
  if (colon > 0) return { kind: 'model', provider: trimmed.slice(0, colon), model: trimmed.slice(colon + 1).trim() };
  return { kind: 'other', source: trimmed };
}

/** Whether a language model wrote the plan (it has no confidence figure and no per-step understanding). */
export function isModelPlan(source: string | null | undefined): boolean {
  return typeof source === 'string' && parsePlanSource(source).kind === 'model';
}

/** Whether the offline reader wrote the plan (by choice or as the fallback): its reading explains it. */
export function isOfflinePlan(source: string | null | undefined): boolean {
  if (typeof source !== 'string') return false;
  const kind = parsePlanSource(source).kind;
  return kind === 'offline' || kind === 'fallback';
}
