import type { GuideProgress, GuideStatusEvent, StepImage } from '../api/types';

/** A change received from the event stream. */
export type ProgressChange =
  | { kind: 'step'; step: StepImage }
  | { kind: 'guide'; guide: GuideStatusEvent };

/** Progress for a guide nothing is known about yet. */
export function emptyProgress(guideId: string): GuideProgress {
  return {
    id: guideId,
    status: 'not_started',
    total_steps: 0,
    completed_steps: 0,
    failed_steps: 0,
    progress: 0,
    step_images: [],
    started_at: null,
    completed_at: null,
    error: null,
  };
}

/** Recomputes the counters from the steps, as the server does. */
export function withCounts(progress: GuideProgress): GuideProgress {
  const completed = progress.step_images.filter((s) => s.status === 'completed').length;
  const failed = progress.step_images.filter((s) => s.status === 'failed').length;
  const total = Math.max(progress.total_steps, progress.step_images.length);
  return {
    ...progress,
    total_steps: total,
    completed_steps: completed,
    failed_steps: failed,
    progress: total === 0 ? 0 : (completed + failed) / total,
  };
}

/** Puts one step's new state in place of its old one (by step number). */
export function mergeStep(progress: GuideProgress, step: StepImage): GuideProgress {
  const others = progress.step_images.filter((s) => s.step_number !== step.step_number);
  const stepImages = [...others, step].sort((a, b) => a.step_number - b.step_number);
  return withCounts({ ...progress, step_images: stepImages });
}

/** Takes a guide event's status, timestamps and error. */
export function mergeGuideStatus(progress: GuideProgress, guide: GuideStatusEvent): GuideProgress {
  return withCounts({
    ...progress,
    status: guide.status,
    total_steps: typeof guide.total_steps === 'number' ? guide.total_steps : progress.total_steps,
    started_at: guide.started_at !== undefined ? guide.started_at : progress.started_at,
    completed_at: guide.completed_at !== undefined ? guide.completed_at : progress.completed_at,
    error: guide.error !== undefined ? guide.error : progress.error,
  });
}

export function applyChange(progress: GuideProgress, change: ProgressChange): GuideProgress {
  return change.kind === 'step' ? mergeStep(progress, change.step) : mergeGuideStatus(progress, change.guide);
}
