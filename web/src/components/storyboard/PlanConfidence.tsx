import { isModelPlan } from '../../api/planSource';
import type { GuideProgress } from '../../api/types';
import { confidenceFrom, understandingFrom } from '../../hooks/progressMerge';
import { ConfidenceBadge } from './ConfidenceBadge';
import { CHECK_THIS_STEP, needsChecking } from './understanding';

/** "step 3", "steps 2 and 4", "steps 1, 2 and 4". */
function stepList(numbers: number[]): string {
  if (numbers.length === 1) return `step ${numbers[0]}`;
  return `steps ${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}`;
}

/**
 * How much of the project's text the planner understood, once for the
 * guide, and which steps are marked "check this step". Nothing from a
 * server that does not say, nor for a language model's plan (the offline
 * reading does not explain it: there is no figure).
 */
export function PlanConfidence({ progress }: { progress: GuideProgress }) {
  if (isModelPlan(progress.plan_source)) return null;
  const confidence = confidenceFrom(progress.plan_confidence);
  const toCheck = progress.step_images
    .filter((step) => needsChecking(understandingFrom(step.understanding)))
    .map((step) => step.step_number)
    .sort((a, b) => a - b);
  if (confidence === null && toCheck.length === 0) return null;
  return (
    <div className="plan-confidence">
      {confidence !== null && <ConfidenceBadge label="Plan confidence" confidence={confidence} />}
      {toCheck.length > 0 && (
        <p className="plan-confidence__hint">
          Steps marked “{CHECK_THIS_STEP}” may be drawn wrong: {stepList(toCheck)}.
        </p>
      )}
    </div>
  );
}
