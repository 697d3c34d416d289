import { useCallback, useEffect, useRef, useState } from 'react';
import type { GuideProgress } from '../api/types';
import { subscribeToProgress, type ProgressSubscription } from './progressSubscription';

export interface UseStepImagesOptions {
  /** The guide's id (the seed called it a thread). */
  threadId: string;
  /** The API's base URL; '' for the page's own origin. */
  apiUrl: string;
  /** Milliseconds between reads when polling (no event stream). */
  pollInterval?: number;
  /** false: fetch nothing, listen to nothing. */
  enabled?: boolean;
}

export interface UseStepImagesResult {
  progress: GuideProgress | null;
  isLoading: boolean;
  error: string | null;
  refetch: () => Promise<void>;
}

/**
 * A guide's step images, kept current: one read, then Server-Sent Events
 * (or polling where those are unavailable), until the guide is finished.
 */
export function useStepImages({
  threadId,
  apiUrl,
  pollInterval = 2000,
  enabled = true,
}: UseStepImagesOptions): UseStepImagesResult {
  const [progress, setProgress] = useState<GuideProgress | null>(null);
  const [isLoading, setIsLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const subscription = useRef<ProgressSubscription | null>(null);

  useEffect(() => {
    setProgress(null);
    setError(null);
    if (!enabled || !threadId) {
      setIsLoading(false);
      return undefined;
    }
    const current = subscribeToProgress(
      { guideId: threadId, apiUrl, pollInterval },
      { onProgress: setProgress, onLoading: setIsLoading, onError: setError },
    );
    subscription.current = current;
    return () => {
      current.dispose();
      if (subscription.current === current) subscription.current = null;
    };
  }, [threadId, apiUrl, pollInterval, enabled]);

  const refetch = useCallback(async () => {
    await subscription.current?.refetch();
  }, []);

  return { progress, isLoading, error, refetch };
}
