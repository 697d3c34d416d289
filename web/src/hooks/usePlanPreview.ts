import { useEffect, useState } from 'react';
import { ApiError, describeError, fetchPreview } from '../api/client';
import type { FieldProblem } from '../api/types';
import type { Plan } from '../plan/model';

/** Milliseconds of quiet after an edit before the preview is asked for. */
export const PREVIEW_DELAY_MS = 150;

export interface UsePlanPreviewOptions {
  apiUrl: string;
  /** The plan as edited; null: nothing to draw yet. */
  plan: Plan | null;
  stepNumber: number;
  style?: string;
  width: number;
  height: number;
  /** Milliseconds to wait after the last change (tests may shorten it). */
  delay?: number;
}

export interface PlanPreview {
  /** The last picture drawn (a `data:` URL of the SVG), kept through errors and while the next one is drawn. */
  picture: string | null;
  /** The step that picture shows. */
  pictureStep: number | null;
  /** A newer picture is on its way. */
  drawing: boolean;
  /** Why the latest edit could not be drawn; null when it was. */
  error: string | null;
  /** The fields the server named (a 422). */
  problems: FieldProblem[];
}

function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/**
 * The schematic of one step of a plan being edited (`POST /preview`),
 * asked for once the edits pause for `delay` ms; a newer edit cancels the
 * request in flight. A busy server (429) is asked again after its
 * Retry-After; an error keeps the last good picture and says why.
 */
export function usePlanPreview({ apiUrl, plan, stepNumber, style, width, height, delay = PREVIEW_DELAY_MS }: UsePlanPreviewOptions): PlanPreview {
  const [preview, setPreview] = useState<PlanPreview>({ picture: null, pictureStep: null, drawing: false, error: null, problems: [] });

  useEffect(() => {
    if (!plan) return undefined;
    let controller: AbortController | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;

    const draw = () => {
      timer = null;
      controller = new AbortController();
      const { signal } = controller;
      fetchPreview(apiUrl, { plan, step_number: stepNumber, style, width, height }, signal)
        .then((svg) => {
          if (stopped) return;
          setPreview({ picture: svgDataUrl(svg), pictureStep: stepNumber, drawing: false, error: null, problems: [] });
        })
        .catch((failure: unknown) => {
          if (stopped || signal.aborted) return;
          if (failure instanceof ApiError && failure.status === 429) {
            const seconds = failure.retryAfterSeconds ?? 1;
            setPreview((previous) => ({ ...previous, error: `The server is busy drawing previews; trying again in ${seconds} s.`, problems: [] }));
            timer = setTimeout(draw, seconds * 1000);
            return;
          }
          const problems = failure instanceof ApiError ? (failure.body?.error.fields ?? []) : [];
          const message = failure instanceof ApiError && failure.status === 422 ? 'This step cannot be drawn as the plan is now.' : `The preview could not be drawn: ${describeError(failure)}`;
          setPreview((previous) => ({ ...previous, drawing: false, error: message, problems }));
        });
    };

    setPreview((previous) => (previous.drawing ? previous : { ...previous, drawing: true }));
    timer = setTimeout(draw, delay);
    return () => {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      controller?.abort();
    };
  }, [apiUrl, plan, stepNumber, style, width, height, delay]);

  return preview;
}
