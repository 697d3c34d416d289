import { useCallback, useEffect, useRef, useState } from 'react';
import { isFinalStatus, type GuideProgress, type GuideStatus, type StepImage } from '../../api/types';

/** A key per announceable state of a step: a new image, or a new failure. */
function announcementKey(step: StepImage): string | null {
  if (step.status === 'completed') return `${step.step_number}:completed:${step.image_id ?? ''}`;
  if (step.status === 'failed') return `${step.step_number}:failed:${step.attempts}:${step.error ?? ''}`;
  return null;
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
 * failed." Each image or failure is said once, even when an event stream
 * replays older states; what was there on arrival is not said at all.
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
    if (said.current === null) {
      said.current = new Set(keys.map(([, key]) => key).filter((key): key is string => key !== null));
      lastStatus.current = progress.status;
      return;
    }
    const messages: string[] = [];
    for (const [step, key] of keys) {
      if (key === null || said.current.has(key)) continue;
      said.current.add(key);
      messages.push(step.status === 'completed' ? `Step ${step.step_number} is ready.` : `Step ${step.step_number} failed.`);
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
