import { useState } from 'react';
import { describeError } from '../../api/client';
import type { GuideProgress, GuideRequest } from '../../api/types';
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
}

/** The "How to Build" storyboard: status, step tabs and panel, thumbnails, downloads. */
export function Storyboard({ guideId, apiUrl, progress, guide, onRegenerate, onCancel }: StoryboardProps) {
  const steps = buildStepViews(progress, guide, apiUrl);
  const [selectedNumber, setSelectedNumber] = useState(1);
  const [regenerating, setRegenerating] = useState<ReadonlySet<number>>(new Set());
  const [regenerateErrors, setRegenerateErrors] = useState<ReadonlyMap<number, string>>(new Map());
  const { announcement, forgetStep } = useStepAnnouncements(progress);

  const selected = steps[Math.min(selectedNumber, steps.length) - 1];

  const regenerate = async (stepNumber: number) => {
    setRegenerating((previous) => new Set(previous).add(stepNumber));
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
        <h2 id="how-to-build-heading">How to Build</h2>
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
