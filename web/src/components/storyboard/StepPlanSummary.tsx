import type { Plan } from '../../plan/model';
import { capitalized, operationSentence } from '../../plan/sentences';
import { stepScenes } from '../../plan/stepParts';
import { PartsInView } from './PartsInView';

export interface StepPlanSummaryProps {
  plan: Plan;
  stepNumber: number;
}

/** What the plan says one step shows and does: the parts in view (new ones marked) and its operations in plain words. */
export function StepPlanSummary({ plan, stepNumber }: StepPlanSummaryProps) {
  const step = plan.steps[stepNumber - 1];
  const scene = stepScenes(plan)[stepNumber - 1];
  if (!step || !scene || step.materials_only) return null;
  return (
    <div className="step-plan">
      <PartsInView scene={scene} />
      <p className="step-plan__label">What happens:</p>
      {step.ops.length > 0 ? (
        <ul className="step-plan__ops">
          {step.ops.map((op, index) => (
            <li key={index}>
              {(op.op === 'paint' || op.op === 'stain') && <span className="part-chip__swatch" style={{ background: op.color }} aria-hidden="true" />}
              {capitalized(operationSentence(plan, op))}
            </li>
          ))}
        </ul>
      ) : (
        <p className="step-plan__none">Nothing changes: the picture is the one before.</p>
      )}
    </div>
  );
}
