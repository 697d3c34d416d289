import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, describeError, fetchPlan } from '../api/client';
import type { GuidePlan } from '../plan/model';

export interface UseGuidePlanOptions {
  apiUrl: string;
  guideId: string;
  /**
   * The plan version the progress names (`plan_version`; absent before a
   * plan is stored): the plan is read once per version, again when it
   * changes (a `plan` event).
   */
  version: number | null | undefined;
  /** false while there is no plan to read (a language model is writing it) or no progress yet. */
  enabled: boolean;
}

export interface UseGuidePlanResult {
  /** The newest plan read; kept while a newer one is read. */
  plan: GuidePlan | null;
  /** A language model is still writing the plan (409 `plan_pending`). */
  pending: boolean;
  error: string | null;
  /** Reads the plan again now (after a 412: someone else saved); resolves with it. */
  reload: () => Promise<GuidePlan | null>;
}

/** A guide's plan (`GET /step-images/{id}/plan`), read once per plan version. */
export function useGuidePlan({ apiUrl, guideId, version, enabled }: UseGuidePlanOptions): UseGuidePlanResult {
  const [plan, setPlan] = useState<GuidePlan | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const live = useRef(true);

  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  /** Keeps the newer of two plans: a slow read of an older version never replaces a newer one. */
  const take = useCallback((read: GuidePlan) => {
    setPlan((previous) => (previous && previous.version > read.version ? previous : read));
    setPending(false);
    setError(null);
  }, []);

  const fail = useCallback((failure: unknown) => {
    if (failure instanceof ApiError && failure.status === 409) {
      setPending(true);
      return;
    }
    setError(describeError(failure));
  }, []);

  const versionKey = version ?? 0;
  useEffect(() => {
    if (!enabled) return undefined;
    const controller = new AbortController();
    fetchPlan(apiUrl, guideId, controller.signal)
      .then(take)
      .catch((failure: unknown) => {
        if (!controller.signal.aborted) fail(failure);
      });
    return () => controller.abort();
  }, [apiUrl, guideId, versionKey, enabled, take, fail]);

  const reload = useCallback(async () => {
    try {
      const read = await fetchPlan(apiUrl, guideId);
      if (live.current) take(read);
      return read;
    } catch (failure) {
      if (live.current) fail(failure);
      return null;
    }
  }, [apiUrl, guideId, take, fail]);

  return { plan, pending, error, reload };
}
