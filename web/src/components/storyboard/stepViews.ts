import { stepImageSource, stepPreviewSource, storedImageSource } from '../../api/client';
import {
  isFinalStatus,
  type GuideProgress,
  type GuideRequest,
  type StepCheck,
  type StepImage,
  type StepText,
  type StepUnderstanding,
} from '../../api/types';
import { checkFrom, understandingFrom } from '../../hooks/progressMerge';

/** How a step shows: its image's status, or "skipped" when the guide stopped before drawing it. */
export type StepDisplayStatus = StepImage['status'] | 'skipped';

/** The latest partial image of a step being drawn: the picture forming. */
export interface PartialPicture {
  /** 0-based, coarse to fine. */
  index: number;
  url: string;
}

/** Everything the storyboard shows about one step. */
export interface StepView {
  number: number;
  /** "Step 3: Cut the window", or "Step 3" when the texts are unknown. */
  label: string;
  text: StepText | null;
  image: StepImage;
  status: StepDisplayStatus;
  /** Where the finished picture loads from; null until the step is ready. */
  photo: string | null;
  /** Where the step's schematic preview loads from (cloud engines), if it has one. */
  preview: string | null;
  /** While a streaming engine draws the step: its latest partial image. */
  partial: PartialPicture | null;
  /** What the planner made of the step's text; null from a server that does not say. */
  understanding: StepUnderstanding | null;
  /** The photo check of the step's photo; null where it was not checked. */
  check: StepCheck | null;
}

/** "Step 3: Cut the window (schematic preview)": the alt text of a preview. */
export function previewLabel(step: StepView): string {
  return `${step.label} (schematic preview)`;
}

/** "Step 3: Cut the window (picture forming)": the alt text of a partial image. */
export function partialLabel(step: StepView): string {
  return `${step.label} (picture forming)`;
}

/** Whether a partial image stands in for the photo being drawn. */
export function showsPartial(step: StepView): boolean {
  return step.photo === null && step.partial !== null;
}

/** Whether the preview stands in for a photo that is not there (yet, or at all), with no partial image over it. */
export function showsPreviewOnly(step: StepView): boolean {
  return step.photo === null && step.partial === null && step.preview !== null;
}

/** The partial image to show: only while the step is being drawn. */
function partialPicture(apiUrl: string, image: StepImage, status: StepDisplayStatus): PartialPicture | null {
  if (status !== 'generating' || !image.partial) return null;
  const url = storedImageSource(apiUrl, image.partial.image_id, image.partial.image_url);
  return url ? { index: image.partial.index, url } : null;
}

/** The words each status is spoken as ("Step 3, ready"). */
export const STATUS_WORDS: Record<StepDisplayStatus, string> = {
  pending: 'waiting',
  generating: 'generating',
  completed: 'ready',
  failed: 'failed',
  skipped: 'not drawn',
};

function pendingImage(stepNumber: number): StepImage {
  return {
    step_number: stepNumber,
    image_id: null,
    image_url: null,
    status: 'pending',
    generated_at: null,
    attempts: 0,
  };
}

/**
 * One view per step, from the progress and (where known) the submitted
 * texts; images load through `apiUrl` ('' for the page's own origin).
 */
export function buildStepViews(progress: GuideProgress, guide: GuideRequest | null, apiUrl = ''): StepView[] {
  const count = Math.max(progress.total_steps, progress.step_images.length, guide?.steps.length ?? 0);
  const guideStopped = isFinalStatus(progress.status);
  return Array.from({ length: count }, (_, index) => {
    const number = index + 1;
    const image = progress.step_images.find((step) => step.step_number === number) ?? pendingImage(number);
    const text = guide?.steps[index] ?? null;
    const unfinished = image.status === 'pending' || image.status === 'generating';
    const status: StepDisplayStatus = guideStopped && unfinished ? 'skipped' : image.status;
    return {
      number,
      label: text?.title ? `Step ${number}: ${text.title}` : `Step ${number}`,
      text,
      image,
      status,
      photo: image.status === 'completed' ? stepImageSource(apiUrl, image) : null,
      preview: stepPreviewSource(apiUrl, image),
      partial: partialPicture(apiUrl, image, status),
      understanding: understandingFrom(image.understanding) ?? null,
      check: checkFrom(image.check) ?? null,
    };
  });
}
