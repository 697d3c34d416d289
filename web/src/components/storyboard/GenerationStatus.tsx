import { Fragment, useState } from 'react';
import { isFinalStatus, type GuideProgress } from '../../api/types';
import { PlanConfidence } from './PlanConfidence';
import { PlanSource } from './PlanSource';
import { guideUsageParts } from './usageFormat';

export interface GenerationStatusProps {
  progress: GuideProgress;
  onCancel: () => Promise<void>;
}

function percent(progress: GuideProgress): number {
  return Math.round(progress.progress * 100);
}

/** The sentence that sums up a guide's progress. */
export function progressSummary(progress: GuideProgress): string {
  const { status, total_steps: total, completed_steps: ready, failed_steps: failed } = progress;
  if (progress.phase === 'review' && !isFinalStatus(status)) {
    return `The plan is ready for you to check: nothing is drawn until you start drawing (${total} ${total === 1 ? 'step' : 'steps'}).`;
  }
  switch (status) {
    case 'not_started':
    case 'generating': {
      const failures = failed > 0 ? `, ${failed} failed` : '';
      return `Generating images: ${ready + failed}/${total} (${percent(progress)}%)${failures}`;
    }
    case 'completed':
      return `All ${total} images are ready.`;
    case 'completed_with_errors':
      return `${ready} of ${total} images are ready; ${failed} failed.`;
    case 'failed':
      return progress.error ? `Generation failed: ${progress.error}` : 'Generation failed.';
    case 'cancelled':
      return `Generation was cancelled; ${ready} of ${total} images were made.`;
  }
}

/**
 * Counter, progress bar and Cancel while generating; a summary once
 * finished; who wrote the plan (or that a model is writing it); what the
 * photos cost; how much of the text the plan understood.
 */
export function GenerationStatus({ progress, onCancel }: GenerationStatusProps) {
  const [cancelling, setCancelling] = useState(false);
  const [cancelError, setCancelError] = useState<string | null>(null);
  const running = (progress.status === 'generating' || progress.status === 'not_started') && progress.phase !== 'review';
  const finished = progress.completed_steps + progress.failed_steps;

  const cancel = async () => {
    setCancelling(true);
    setCancelError(null);
    try {
      await onCancel();
    } catch (error) {
      setCancelError(error instanceof Error ? error.message : 'Could not cancel.');
    } finally {
      setCancelling(false);
    }
  };

  return (
    <div className={`generation-status generation-status--${progress.status}`}>
      <p id="generation-summary" className="generation-status__summary">
        {progressSummary(progress)}
      </p>
      <PlanSource progress={progress} />
      {progress.usage && (
        <p className="generation-status__usage">
          {guideUsageParts(progress.usage).map((part, index) => (
            // Each part stays whole; the line breaks between them.
            <Fragment key={part}>
              {index > 0 && ' · '}
              <span>{part}</span>
            </Fragment>
          ))}
        </p>
      )}
      <PlanConfidence progress={progress} />
      {running && (
        <div className="generation-status__running">
          <progress
            className="generation-status__bar"
            aria-labelledby="generation-summary"
            max={Math.max(progress.total_steps, 1)}
            value={finished}
          />
          <button type="button" className="button button--secondary" disabled={cancelling} onClick={cancel}>
            {cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        </div>
      )}
      {cancelError && (
        <p className="generation-status__error" role="alert">
          {cancelError}
        </p>
      )}
    </div>
  );
}
