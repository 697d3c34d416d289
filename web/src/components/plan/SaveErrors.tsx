import { forwardRef } from 'react';
import { describeField, fieldPath, type PlanFieldErrors } from '../../plan/fieldPaths';
import type { Plan } from '../../plan/model';

export interface SaveErrorsProps {
  errors: PlanFieldErrors;
  plan: Plan;
  /** Takes the person to the field (selecting its step first). */
  onGoTo: (path: string) => void;
}

/** Why the server refused the plan (422): every problem, each a button to the field it names (where the field is also marked). */
export const SaveErrors = forwardRef<HTMLDivElement, SaveErrorsProps>(function SaveErrors({ errors, plan, onGoTo }, ref) {
  if (errors.all.length === 0) return null;
  const count = errors.all.length;
  return (
    <div ref={ref} className="notice notice--error plan-editor__errors" role="alert" tabIndex={-1}>
      <p>
        The plan was not saved: {count === 1 ? 'one field needs fixing' : `${count} fields need fixing`}.
      </p>
      <ul>
        {errors.all.map((problem, index) => (
          <li key={index}>
            <button type="button" className="link-button" onClick={() => onGoTo(fieldPath(problem.field))}>
              {describeField(plan, fieldPath(problem.field))}
            </button>
            : {problem.message}
          </li>
        ))}
      </ul>
    </div>
  );
});
