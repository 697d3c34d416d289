import { useCallback, useEffect, useState } from 'react';
import { cancelGuide, fetchGuideRequest, regenerateStep } from '../api/client';
import { recallSubmittedGuide, rememberSubmittedGuide } from '../api/submittedGuides';
import type { GuideRequest } from '../api/types';
import { Storyboard } from '../components/storyboard/Storyboard';
import { useStepImages } from '../hooks/useStepImages';
import { Link } from '../routing/router';

export interface GuidePageProps {
  guideId: string;
  apiUrl: string;
  /** Milliseconds between reads when polling (tests shorten it). */
  pollInterval?: number;
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

/** One guide: its title and the storyboard of its steps, kept current as images arrive. */
export function GuidePage({ guideId, apiUrl, pollInterval }: GuidePageProps) {
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

  return (
    <article className="guide" aria-labelledby="guide-heading">
      <header className="guide__header">
        <h1 id="guide-heading" tabIndex={-1}>
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

      {progress && !unknownGuide && (
        <Storyboard
          key={guideId}
          guideId={guideId}
          apiUrl={apiUrl}
          progress={progress}
          guide={guide}
          onRegenerate={regenerate}
          onCancel={cancel}
        />
      )}
    </article>
  );
}
