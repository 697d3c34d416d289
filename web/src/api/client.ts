import type {
  ApiErrorBody,
  GuideAccepted,
  GuideProgress,
  GuideRequest,
  ServerCapabilities,
} from './types';
import { readPlan, type GuidePlan, type Plan, type SavedPlan } from '../plan/model';

/** An answer from the API that was not a success. */
export class ApiError extends Error {
  readonly status: number;
  readonly body: ApiErrorBody | null;
  /** Seconds to wait, from Retry-After (503). */
  readonly retryAfterSeconds: number | null;

  constructor(status: number, body: ApiErrorBody | null, retryAfterSeconds: number | null) {
    super(body?.error.message ?? `The server answered ${status}.`);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

async function readError(response: Response): Promise<ApiError> {
  let body: ApiErrorBody | null = null;
  try {
    const parsed: unknown = await response.json();
    if (isApiErrorBody(parsed)) body = parsed;
  } catch {
    // Not JSON: keep the status alone.
  }
  const retryAfter = Number(response.headers.get('Retry-After'));
  return new ApiError(response.status, body, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null);
}

async function send(url: string, init?: RequestInit): Promise<Response> {
  const response = await fetch(url, init);
  if (!response.ok) throw await readError(response);
  return response;
}

export function guideUrl(apiUrl: string, guideId: string): string {
  return `${apiUrl}/step-images/${encodeURIComponent(guideId)}`;
}

export function guideEventsUrl(apiUrl: string, guideId: string): string {
  return `${guideUrl(apiUrl, guideId)}/events`;
}

export function exportZipUrl(apiUrl: string, guideId: string): string {
  return `${guideUrl(apiUrl, guideId)}/export.zip`;
}

/** A URL the server gave, made absolute against the API's base when it is a path. */
export function resolveServerUrl(apiUrl: string, url: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(url) ? url : `${apiUrl}${url.startsWith('/') ? '' : '/'}${url}`;
}

/**
 * Where to load a stored image from. Built from the image id against the
 * UI's own API base (the server's URLs name the address it is bound to,
 * which a browser may not reach, and a `step` event may carry the id
 * alone); the server's URL is the fallback.
 */
export function storedImageSource(
  apiUrl: string,
  imageId: string | null | undefined,
  imageUrl: string | null | undefined,
): string | null {
  if (imageId) return `${apiUrl}/images/${encodeURIComponent(imageId)}`;
  return imageUrl ? resolveServerUrl(apiUrl, imageUrl) : null;
}

/** Where to load a step's image (its photo, with a cloud engine) from. */
export function stepImageSource(
  apiUrl: string,
  image: { image_id: string | null; image_url: string | null },
): string | null {
  return storedImageSource(apiUrl, image.image_id, image.image_url);
}

/** Where to load a step's schematic preview from, where it has one. */
export function stepPreviewSource(
  apiUrl: string,
  image: { preview_id?: string | null; preview_url?: string | null },
): string | null {
  return storedImageSource(apiUrl, image.preview_id, image.preview_url);
}

const jsonHeaders = { 'Content-Type': 'application/json', Accept: 'application/json' };

export async function createGuide(apiUrl: string, request: GuideRequest): Promise<GuideAccepted> {
  const response = await send(`${apiUrl}/step-images`, {
    method: 'POST',
    headers: jsonHeaders,
    body: JSON.stringify(request),
  });
  return (await response.json()) as GuideAccepted;
}

/** The guide's request as the server stored it (its texts), for a browser that did not create it. */
export async function fetchGuideRequest(apiUrl: string, guideId: string): Promise<GuideRequest> {
  const response = await fetch(`${guideUrl(apiUrl, guideId)}/request`);
  if (!response.ok) throw new Error(`the guide's texts could not be read (HTTP ${response.status})`);
  const body: unknown = await response.json();
  if (typeof body !== 'object' || body === null || !Array.isArray((body as { steps?: unknown }).steps)) {
    throw new Error("the guide's texts are not a guide request");
  }
  return body as GuideRequest;
}

export async function fetchProgress(apiUrl: string, guideId: string): Promise<GuideProgress> {
  const response = await send(guideUrl(apiUrl, guideId), { headers: { Accept: 'application/json' } });
  return (await response.json()) as GuideProgress;
}

export async function regenerateStep(apiUrl: string, guideId: string, stepNumber: number): Promise<void> {
  await send(`${guideUrl(apiUrl, guideId)}/step/${stepNumber}/regenerate`, {
    method: 'POST',
    headers: { Accept: 'application/json' },
  });
}

export async function cancelGuide(apiUrl: string, guideId: string): Promise<void> {
  await send(guideUrl(apiUrl, guideId), { method: 'DELETE', headers: { Accept: 'application/json' } });
}

export async function fetchCapabilities(apiUrl: string): Promise<ServerCapabilities> {
  const response = await send(`${apiUrl}/capabilities`, { headers: { Accept: 'application/json' } });
  return (await response.json()) as ServerCapabilities;
}

export function planUrl(apiUrl: string, guideId: string): string {
  return `${guideUrl(apiUrl, guideId)}/plan`;
}

/** The guide's plan as it is drawn now, with its version (also its ETag). */
export async function fetchPlan(apiUrl: string, guideId: string, signal?: AbortSignal): Promise<GuidePlan> {
  const response = await send(planUrl(apiUrl, guideId), { headers: { Accept: 'application/json' }, signal });
  const body = (await response.json()) as GuidePlan;
  return { ...body, plan: readPlan(body.plan) };
}

/**
 * Saves an edited plan made from `version` (sent as If-Match, so that an
 * edit made from an older version is refused with 412 instead of undoing
 * someone else's).
 */
export async function savePlan(apiUrl: string, guideId: string, version: number, plan: Plan): Promise<SavedPlan> {
  const response = await send(planUrl(apiUrl, guideId), {
    method: 'PUT',
    headers: { ...jsonHeaders, 'If-Match': `"${version}"` },
    body: JSON.stringify({ plan }),
  });
  return (await response.json()) as SavedPlan;
}

/** Starts drawing a guide that waits for its plan to be checked (phase `review`). */
export async function startDrawing(apiUrl: string, guideId: string): Promise<void> {
  await send(`${guideUrl(apiUrl, guideId)}/draw`, { method: 'POST', headers: { Accept: 'application/json' } });
}

/** The body of `POST /preview`. */
export interface PreviewRequest {
  plan: Plan;
  step_number: number;
  style?: string;
  width?: number;
  height?: number;
  format?: 'svg' | 'png';
}

/** One step of a plan drawn by the schematic renderer at once (nothing is stored), as SVG text. */
export async function fetchPreview(apiUrl: string, request: PreviewRequest, signal?: AbortSignal): Promise<string> {
  const response = await send(`${apiUrl}/preview`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'image/svg+xml, application/json' },
    body: JSON.stringify({ format: 'svg', ...request }),
    signal,
  });
  return await response.text();
}

/** A short sentence for any error, for showing to a person. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 503) {
      const wait = error.retryAfterSeconds ? ` Try again in ${error.retryAfterSeconds} seconds.` : ' Try again shortly.';
      return `The server is busy.${wait}`;
    }
    if (error.status === 413) return 'The guide is too large for the server. Shorten it and try again.';
    if (error.status === 401) return 'The server needs a token for this, and this page has none.';
    return error.message;
  }
  if (error instanceof Error) {
    return error.name === 'TypeError' ? 'Could not reach the stepcast server.' : error.message;
  }
  return 'Something went wrong.';
}
