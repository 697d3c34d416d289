import { vi } from 'vitest';
import type { GuideProgress, GuideRequest, GuideStatus, StepImage, StepStatus } from '../api/types';
import { withCounts } from '../hooks/progressMerge';

export function step(stepNumber: number, status: StepStatus, extra: Partial<StepImage> = {}): StepImage {
  const ready = status === 'completed';
  return {
    step_number: stepNumber,
    image_id: ready ? `img-${stepNumber}` : null,
    image_url: ready ? `http://0.0.0.0:8080/images/img-${stepNumber}` : null,
    status,
    generated_at: ready || status === 'failed' ? 1_700_000_000 + stepNumber : null,
    attempts: status === 'pending' ? 0 : 1,
    ...extra,
  };
}

/** Progress with counters computed from the given steps. */
export function progressOf(
  status: GuideStatus,
  steps: StepImage[],
  extra: Partial<GuideProgress> = {},
): GuideProgress {
  return withCounts({
    id: 'g1',
    status,
    total_steps: steps.length,
    completed_steps: 0,
    failed_steps: 0,
    progress: 0,
    step_images: steps,
    started_at: 1_700_000_000,
    completed_at: status === 'generating' || status === 'not_started' ? null : 1_700_000_100,
    error: null,
    ...extra,
  });
}

/** Steps 1..count, each with the status the function gives it. */
export function steps(count: number, statusOf: (stepNumber: number) => StepStatus): StepImage[] {
  return Array.from({ length: count }, (_, index) => step(index + 1, statusOf(index + 1)));
}

export const birdhouseGuide: GuideRequest = {
  title: 'Birdhouse',
  description: 'A small birdhouse from one pine board.',
  materials: ['pine board', 'wood glue', 'nails'],
  steps: [
    { title: 'Cut the pieces', description: 'Cut the board into six pieces.', tools: ['saw', 'pencil'], safety_notes: ['Wear safety glasses.'], tips: ['Measure twice.'] },
    { title: 'Drill the entrance', description: 'Drill a 32 mm hole in the front.', tools: ['drill'] },
    { title: 'Assemble the box', description: 'Glue and nail the sides to the floor.' },
    { title: 'Fit the roof', description: 'Nail on the two roof pieces.', tips: ['Let the roof overhang at the front.'] },
  ],
  style: 'diagram',
};

/** A minimal fetch Response: JSON body, status, headers; resolves on microtasks only. */
export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  const response = {
    ok: status >= 200 && status < 300,
    status,
    headers: new Headers(headers),
    json: async () => structuredClone(body),
    text: async () => JSON.stringify(body),
  };
  return response as unknown as Response;
}

export interface RecordedRequest {
  url: string;
  method: string;
  body: unknown;
}

export type Route = (request: RecordedRequest) => Response | Promise<Response> | undefined;

/**
 * A fetch stub: each call is recorded, then answered by the first route
 * that answers; unanswered calls get a 404.
 */
export function stubFetch(...routes: Route[]) {
  const requests: RecordedRequest[] = [];
  const fetchStub = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request: RecordedRequest = {
      url: String(input),
      method: init?.method ?? 'GET',
      body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
    };
    requests.push(request);
    for (const route of routes) {
      const answer = await route(request);
      if (answer) return answer;
    }
    return jsonResponse({ error: { code: 'not_found', message: `no route for ${request.method} ${request.url}` } }, 404);
  });
  vi.stubGlobal('fetch', fetchStub);
  return { fetchStub, requests };
}

/** Answers GET {apiUrl}/step-images/{id} with whatever `current()` is at the time. */
export function progressRoute(url: string, current: () => GuideProgress): Route {
  return (request) => (request.method === 'GET' && request.url === url ? jsonResponse(current()) : undefined);
}
