import type { StepView } from './stepViews';

export interface RegenerateButtonProps {
  step: StepView;
  /** A request for this step is on its way. */
  busy: boolean;
  error: string | null;
  onRegenerate: (stepNumber: number) => void;
}

/** Draws the step again. Not offered while the step is already being drawn. */
export function RegenerateButton({ step, busy, error, onRegenerate }: RegenerateButtonProps) {
  const inProgress = step.status === 'pending' || step.status === 'generating';
  // aria-disabled keeps the focus on the button while the step is redrawn.
  const unavailable = busy || inProgress;
  const errorId = `regenerate-error-${step.number}`;
  return (
    <div className="regenerate">
      <button
        type="button"
        className={step.status === 'failed' ? 'button button--primary' : 'button button--secondary'}
        aria-disabled={unavailable || undefined}
        aria-describedby={error ? errorId : undefined}
        onClick={() => !unavailable && onRegenerate(step.number)}
      >
        {busy ? 'Regenerating…' : 'Regenerate'}
      </button>
      {error && (
        <p id={errorId} className="regenerate__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
