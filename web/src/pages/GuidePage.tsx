import { useCallback, useEffect, useRef, useState } from 'react';
import { cancelGuide, fetchGuideRequest, regenerateStep, startDrawing } from '../api/client';
import { recallSubmittedGuide, rememberSubmittedGuide } from '../api/submittedGuides';
import { isFinalStatus, type GuideRequest } from '../api/types';
import { PlanEditor } from '../components/plan/PlanEditor';
import { GenerationStatus } from '../components/storyboard/GenerationStatus';
import { isPlanning } from '../components/storyboard/planSourceText';
import { Storyboard } from '../components/storyboard/Storyboard';
import { buildStepViews } from '../components/storyboard/stepViews';
import { useGuidePlan } from '../hooks/useGuidePlan';
import { useStepImages } from '../hooks/useStepImages';
import { guidePath, Link, navigate, planPath } from '../routing/router';

export interface GuidePageProps {
  guideId: string;
  apiUrl: string;
  /** Milliseconds between reads when polling (tests shorten it). */
  pollInterval?: number;
  /** The pictures (`/guides/:id`) or the plan editor (`/guides/:id/plan`); a guide whose plan waits for review shows the editor either way. */
  view?: 'storyboard' | 'plan';
  /** The step the plan editor opens at. */
  initialStep?: number;
  /** Milliseconds of quiet before the editor's preview is drawn (tests shorten it). */
  previewDelay?: number;
}

function MaterialsList({ materials }: { materials?: string[] }) {
  if (!materials || materials.length === 0) return null;
  return (
    <details className="guide__materials">
      <summary>Materials ({materials.length})</summary>
      <ul>
        {materials.map((material) => (
          <li key={material}>{material}</li>
        ))}
      </ul>
    </details>
  );
}

/**
 * One guide: its title and the storyboard of its steps, kept current as
 * images arrive; or its plan editor (the saved edits' redraws follow
 * live). A plan-first guide waiting for review shows the editor with
 * Start drawing.
 */
export function GuidePage({ guideId, apiUrl, pollInterval, view = 'storyboard', initialStep, previewDelay }: GuidePageProps) {
  const [guide, setGuide] = useState<GuideRequest | null>(() => recallSubmittedGuide(guideId));
  // Another browser (or a new session) asks the server for the texts.
  useEffect(() => {
    const remembered = recallSubmittedGuide(guideId);
    setGuide(remembered);
    if (remembered) return undefined;
    let live = true;
    fetchGuideRequest(apiUrl, guideId)
      .then((request) => {
        if (!live) return;
        rememberSubmittedGuide(guideId, request);
        setGuide(request);
      })
      .catch(() => {
        // Texts unavailable: the page shows "Step N" titles.
      });
    return () => {
      live = false;
    };
  }, [apiUrl, guideId]);
  const { progress, isLoading, error, refetch } = useStepImages({ threadId: guideId, apiUrl, pollInterval });

  const regenerate = useCallback(
    async (stepNumber: number) => {
      await regenerateStep(apiUrl, guideId, stepNumber);
      await refetch();
    },
    [apiUrl, guideId, refetch],
  );
  const cancel = useCallback(async () => {
    await cancelGuide(apiUrl, guideId);
    await refetch();
  }, [apiUrl, guideId, refetch]);

  const unknownGuide = progress !== null && progress.status === 'not_started' && progress.total_steps === 0 && !guide;
  const review = progress !== null && progress.phase === 'review' && !isFinalStatus(progress.status);
  const editing = view === 'plan' || review;
  const planReadable = progress !== null && !unknownGuide && !isPlanning(progress);
  const guidePlan = useGuidePlan({ apiUrl, guideId, version: progress?.plan_version, enabled: planReadable });
  const heading = useRef<HTMLHeadingElement>(null);

  const saved = useCallback(async () => {
    // A finished guide's stream was closed: read it again and follow the redraw.
    await refetch();
  }, [refetch]);
  const draw = useCallback(async () => {
    await startDrawing(apiUrl, guideId);
    await refetch();
    if (view === 'plan') navigate(guidePath(guideId));
    else heading.current?.focus();
  }, [apiUrl, guideId, refetch, view]);

  return (
    <article className="guide" aria-labelledby="guide-heading">
      <header className="guide__header">
        <h1 id="guide-heading" tabIndex={-1} ref={heading}>
          {guide?.title ?? 'Step images'}
        </h1>
        {guide?.description && <p className="guide__description">{guide.description}</p>}
        <MaterialsList materials={guide?.materials} />
        {!guide && <p className="guide__id">Guide {guideId}</p>}
      </header>

      {error && (
        <div className="notice notice--error" role="alert">
          <p>{progress ? `Lost touch with the server (${error}); still trying.` : error}</p>
          <button type="button" className="button button--secondary" onClick={() => void refetch()}>
            Try again
          </button>
        </div>
      )}

      {!progress && isLoading && (
        <p className="guide__loading" role="status">
          Loading the guide…
        </p>
      )}

      {unknownGuide && (
        <div className="notice">
          <p>
            No images for this guide yet. If the link is right they will appear here; otherwise{' '}
            <Link to="/">start a new guide</Link>.
          </p>
        </div>
      )}

      {progress && !unknownGuide && !editing && (
        <Storyboard
          key={guideId}
          guideId={guideId}
          apiUrl={apiUrl}
          progress={progress}
          guide={guide}
          onRegenerate={regenerate}
          onCancel={cancel}
          plan={guidePlan.plan?.plan ?? null}
          planHref={isPlanning(progress) ? null : (step) => planPath(guideId, step)}
        />
      )}

      {progress && !unknownGuide && editing && (
        <div className="storyboard">
          <GenerationStatus progress={progress} onCancel={cancel} />
          <PlanEditor
            key={guideId}
            apiUrl={apiUrl}
            guideId={guideId}
            guidePlan={guidePlan.plan}
            planError={guidePlan.error}
            planPending={guidePlan.pending || isPlanning(progress)}
            reloadPlan={guidePlan.reload}
            steps={buildStepViews(progress, guide, apiUrl)}
            guide={guide}
            review={review}
            onStartDrawing={review ? draw : undefined}
            initialStep={initialStep}
            onSaved={saved}
            closeHref={review ? null : guidePath(guideId)}
            previewDelay={previewDelay}
          />
        </div>
      )}
    </article>
  );
}
