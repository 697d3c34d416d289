import type { PlanPreview as Preview } from '../../hooks/usePlanPreview';
import { describeField, fieldPath } from '../../plan/fieldPaths';
import type { Plan } from '../../plan/model';
import type { StepView } from '../storyboard/stepViews';
import { STATUS_WORDS } from '../storyboard/stepViews';

export interface PlanPreviewProps {
  preview: Preview;
  plan: Plan;
  stepNumber: number;
  /** "Step 3: Glue the strip". */
  stepLabel: string;
  /** The step as the guide has it now (its picture, if drawn). */
  current: StepView | null;
  width: number;
  height: number;
}

/** What the guide shows for the step now: its picture, or where it is. */
function CurrentPicture({ current, width, height }: { current: StepView | null; width: number; height: number }) {
  if (!current) return null;
  const status = current.status === 'completed' ? null : current.status === 'generating' || current.status === 'pending' ? 'Being drawn again…' : STATUS_WORDS[current.status];
  return (
    <figure className="plan-preview__current">
      <figcaption>In the guide now{status && current.photo ? ` (${status.toLowerCase()})` : ''}</figcaption>
      {current.photo ? (
        <img src={current.photo} alt={`${current.label} (in the guide now)`} width={width} height={height} />
      ) : (
        <p className="plan-preview__current-none">{status ?? 'Not drawn yet.'}</p>
      )}
    </figure>
  );
}

/**
 * The schematic of the selected step as the plan is being edited, redrawn
 * as the maker types; the last good picture stays through an error, which
 * is said; and, smaller, the step's picture in the guide now.
 */
export function PlanPreview({ preview, plan, stepNumber, stepLabel, current, width, height }: PlanPreviewProps) {
  const stale = preview.pictureStep !== null && preview.pictureStep !== stepNumber;
  return (
    <aside className="plan-preview" aria-labelledby="plan-preview-heading">
      <h3 id="plan-preview-heading">Preview of step {stepNumber}</h3>
      <div className="plan-preview__frame" style={{ aspectRatio: `${width} / ${height}` }} aria-busy={preview.drawing}>
        {preview.picture ? (
          <img
            className={stale ? 'plan-preview__picture plan-preview__picture--stale' : 'plan-preview__picture'}
            src={preview.picture}
            alt={stale ? `Preview of step ${preview.pictureStep} (step ${stepNumber} is being drawn)` : `Preview of ${stepLabel}`}
            width={width}
            height={height}
          />
        ) : (
          <p className="plan-preview__placeholder">Drawing the preview…</p>
        )}
        {preview.drawing && preview.picture && (
          <span className="plan-preview__drawing" aria-hidden="true">
            Updating…
          </span>
        )}
      </div>
      <div className="plan-preview__error" aria-live="polite">
        {preview.error && (
          <>
            <p>{preview.error}{preview.picture ? ' The last picture that could be drawn stays.' : ''}</p>
            {preview.problems.length > 0 && (
              <ul>
                {preview.problems.map((problem, index) => (
                  <li key={index}>
                    {describeField(plan, fieldPath(problem.field))}: {problem.message}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
      <p className="plan-editor__hint">Drawn from the plan as you edit it; nothing changes in the guide until you save.</p>
      <CurrentPicture current={current} width={width} height={height} />
    </aside>
  );
}
