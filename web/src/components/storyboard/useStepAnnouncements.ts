import { useCallback, useEffect, useRef, useState } from 'react';
import { isFinalStatus, type GuideProgress, type GuideStatus, type StepImage } from '../../api/types';

/** A key per announceable state of a step: a new image, or a new failure. */
function announcementKey(step: StepImage): string | null {
  if (step.status === 'completed') return `${step.step_number}:completed:${step.image_id ?? ''}`;
  if (step.status === 'failed') return `${step.step_number}:failed:${step.attempts}:${step.error ?? ''}`;
  return null;
}

/** Said once per guide, for all its previews together (they arrive within moments of each other). */
const PREVIEWS_KEY = 'previews';
const PREVIEWS_MESSAGE = 'Schematic previews are showing; the photos are on their way.';

function hasPreview(step: StepImage): boolean {
  return Boolean(step.preview_id || step.preview_url);
}

function stepMessage(step: StepImage): string {
  if (step.status === 'completed') {
    return hasPreview(step) ? `Step ${step.step_number}: the photo is ready.` : `Step ${step.step_number} is ready.`;
  }
  return hasPreview(step)
    ? `Step ${step.step_number} failed; its schematic preview stays.`
    : `Step ${step.step_number} failed.`;
}

function finishedMessage(progress: GuideProgress): string {
  switch (progress.status) {
    case 'completed':
      return 'All images are ready.';
    case 'completed_with_errors':
      return `Finished: ${progress.failed_steps} of ${progress.total_steps} images failed.`;
    case 'cancelled':
      return 'Generation was cancelled.';
    default:
      return 'Generation failed.';
  }
}

/**
 * What the live region says as steps change: "Step 3 is ready.", "Step 4
 * failed." (with a cloud engine: one sentence when the schematic previews
 * appear, then "Step 3: the photo is ready."). Each image or failure is
 * said once, even when an event stream replays older states; what was
 * there on arrival is not said at all.
 */
export function useStepAnnouncements(progress: GuideProgress): {
  announcement: string;
  forgetStep: (stepNumber: number) => void;
} {
  const said = useRef<Set<string> | null>(null);
  const lastStatus = useRef<GuideStatus>(progress.status);
  const [announcement, setAnnouncement] = useState('');

  useEffect(() => {
    const keys = progress.step_images.map((step) => [step, announcementKey(step)] as const);
    const previewsShown = progress.step_images.some(hasPreview);
    if (said.current === null) {
      said.current = new Set(keys.map(([, key]) => key).filter((key): key is string => key !== null));
      if (previewsShown) said.current.add(PREVIEWS_KEY);
      lastStatus.current = progress.status;
      return;
    }
    const messages: string[] = [];
    if (previewsShown && !said.current.has(PREVIEWS_KEY)) {
      said.current.add(PREVIEWS_KEY);
      messages.push(PREVIEWS_MESSAGE);
    }
    for (const [step, key] of keys) {
      if (key === null || said.current.has(key)) continue;
      said.current.add(key);
      messages.push(stepMessage(step));
    }
    if (isFinalStatus(progress.status) && !isFinalStatus(lastStatus.current)) messages.push(finishedMessage(progress));
    lastStatus.current = progress.status;
    if (messages.length > 0) setAnnouncement(messages.join(' '));
  }, [progress]);

  /** After a regenerate: the step's next image is news even if it looks the same. */
  const forgetStep = useCallback((stepNumber: number) => {
    const set = said.current;
    if (!set) return;
    for (const key of [...set]) if (key.startsWith(`${stepNumber}:`)) set.delete(key);
  }, []);

  return { announcement, forgetStep };
}
