import { useState } from 'react';
import { describeError } from '../../api/client';
import type { GuideProgress, GuideRequest } from '../../api/types';
import type { Plan } from '../../plan/model';
import { Link } from '../../routing/router';
import { GenerationStatus } from './GenerationStatus';
import { GuideDownloads } from './GuideDownloads';
import { StepPanel } from './StepPanel';
import { StepTabs } from './StepTabs';
import { ThumbnailStrip } from './ThumbnailStrip';
import { buildStepViews } from './stepViews';
import { useStepAnnouncements } from './useStepAnnouncements';

const DEFAULT_IMAGE_WIDTH = 1024;
const DEFAULT_IMAGE_HEIGHT = 768;

export interface StoryboardProps {
  guideId: string;
  apiUrl: string;
  progress: GuideProgress;
  /** The request this browser submitted, for the texts; null shows "Step N". */
  guide: GuideRequest | null;
  onRegenerate: (stepNumber: number) => Promise<void>;
  onCancel: () => Promise<void>;
  /** The guide's plan, where it was read: each step's parts and operations show with what was understood. */
  plan?: Plan | null;
  /** The plan editor's address, opened at a step or not; none: no editor offered. */
  planHref?: ((stepNumber?: number) => string) | null;
}

/**
 * Whether the guide's pictures come from a cloud engine (Regenerate draws
 * a new photo) rather than the schematic one (the same plan gives the same
 * picture). Without the request's texts: whether a step has a schematic
 * preview or a provider's usage, which only cloud engines have.
 */
export function isCloudGuide(guide: GuideRequest | null, progress: GuideProgress): boolean {
  if (guide) return guide.engine !== undefined && guide.engine !== 'schematic';
  return progress.step_images.some((step) => Boolean(step.preview_id || step.preview_url || step.usage));
}

/** The "How to Build" storyboard: status, step tabs and panel, thumbnails, downloads. */
export function Storyboard({ guideId, apiUrl, progress, guide, onRegenerate, onCancel, plan = null, planHref = null }: StoryboardProps) {
  const steps = buildStepViews(progress, guide, apiUrl);
  const [selectedNumber, setSelectedNumber] = useState(1);
  const [regenerating, setRegenerating] = useState<ReadonlySet<number>>(new Set());
  const [regenerateErrors, setRegenerateErrors] = useState<ReadonlyMap<number, string>>(new Map());
  // Steps regenerated from this page keep their button (and the focus) through the redraw.
  const [retried, setRetried] = useState<ReadonlySet<number>>(new Set());
  const { announcement, forgetStep } = useStepAnnouncements(progress);

  const selected = steps[Math.min(selectedNumber, steps.length) - 1];

  const regenerate = async (stepNumber: number) => {
    setRegenerating((previous) => new Set(previous).add(stepNumber));
    setRetried((previous) => (previous.has(stepNumber) ? previous : new Set(previous).add(stepNumber)));
    setRegenerateErrors((previous) => withoutKey(previous, stepNumber));
    forgetStep(stepNumber);
    try {
      await onRegenerate(stepNumber);
    } catch (error) {
      setRegenerateErrors((previous) => new Map(previous).set(stepNumber, `Could not regenerate: ${describeError(error)}`));
    } finally {
      setRegenerating((previous) => {
        const next = new Set(previous);
        next.delete(stepNumber);
        return next;
      });
    }
  };

  return (
    <div className="storyboard">
      <GenerationStatus progress={progress} onCancel={onCancel} />
      <section className="how-to-build" aria-labelledby="how-to-build-heading">
        <div className="how-to-build__head">
          <h2 id="how-to-build-heading">How to Build</h2>
          {planHref && (
            <Link to={planHref()} className="button button--secondary">
              Fix the plan
            </Link>
          )}
        </div>
        {selected ? (
          <>
            <StepTabs steps={steps} selected={selected.number} onSelect={setSelectedNumber} />
            <StepPanel
              step={selected}
              stepCount={steps.length}
              apiUrl={apiUrl}
              conceptImage={guide?.concept_image ?? null}
              imageWidth={guide?.width ?? DEFAULT_IMAGE_WIDTH}
              imageHeight={guide?.height ?? DEFAULT_IMAGE_HEIGHT}
              regenerating={regenerating.has(selected.number)}
              regenerateError={regenerateErrors.get(selected.number) ?? null}
              onRegenerate={(stepNumber) => void regenerate(stepNumber)}
              onSelect={setSelectedNumber}
              planning={progress.status === 'generating' && progress.phase === 'planning' && !progress.plan_source}
              plan={plan}
              fixHref={planHref ? (stepNumber) => planHref(stepNumber) : null}
              regenerateOffered={!planHref || isCloudGuide(guide, progress) || selected.status === 'failed' || retried.has(selected.number)}
            />
          </>
        ) : (
          <p>This guide has no steps yet.</p>
        )}
      </section>
      {steps.length > 0 && (
        <ThumbnailStrip
          steps={steps}
          selected={selected?.number ?? 1}
          onSelect={setSelectedNumber}
        />
      )}
      <GuideDownloads apiUrl={apiUrl} guideId={guideId} progress={progress} />
      <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
    </div>
  );
}

function withoutKey<V>(map: ReadonlyMap<number, V>, key: number): ReadonlyMap<number, V> {
  if (!map.has(key)) return map;
  const next = new Map(map);
  next.delete(key);
  return next;
}
