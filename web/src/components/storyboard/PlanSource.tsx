import type { GuideProgress } from '../../api/types';
import { parsePlanSource } from '../../api/planSource';
import { isPlanning, planSourceText } from './planSourceText';

/**
 * Who wrote the guide's plan, in words; while a language model writes it,
 * a line saying so. A polite live region, so the change from writing to
 * written (or to the offline fallback) is announced. Nothing from a server
 * that does not say.
 */
export function PlanSource({ progress }: { progress: GuideProgress }) {
  const text = planSourceText(progress);
  if (text === null) return null;
  const planning = isPlanning(progress);
  const fallback = !planning && typeof progress.plan_source === 'string' && parsePlanSource(progress.plan_source).kind === 'fallback';
  const modifier = planning ? ' plan-source--planning' : fallback ? ' plan-source--fallback' : '';
  return (
    <p className={`plan-source${modifier}`} role="status" aria-live="polite">
      {text}
    </p>
  );
}
