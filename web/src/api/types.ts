/** Shapes of stepcast's HTTP API, as the UI uses them. */

export const IMAGE_STYLES = ['diagram', 'sketch', 'blueprint', 'photo'] as const;
export type ImageStyle = (typeof IMAGE_STYLES)[number];

export type ImageEngine = 'schematic' | 'gemini' | 'openai';
export type ImageFormat = 'webp' | 'png' | 'svg' | 'jpeg';

/** One construction step as the user wrote it. */
export interface StepText {
  title: string;
  description?: string;
  tools?: string[];
  safety_notes?: string[];
  tips?: string[];
}

/** A guide request in stepcast's own shape (`POST /step-images`). */
export interface GuideRequest {
  title: string;
  description?: string;
  materials?: string[];
  steps: StepText[];
  style?: ImageStyle;
  engine?: ImageEngine;
  width?: number;
  height?: number;
  format?: ImageFormat;
}

/** The 202 answer to `POST /step-images`. */
export interface GuideAccepted {
  id: string;
  status: GuideStatus;
  total_steps: number;
  links: { self: string; events: string };
}

export type GuideStatus =
  | 'not_started'
  | 'generating'
  | 'completed'
  | 'completed_with_errors'
  | 'failed'
  | 'cancelled';

export type StepStatus = 'pending' | 'generating' | 'completed' | 'failed';

/** One step's image, from the progress JSON or a `step` event. */
export interface StepImage {
  step_number: number;
  image_id: string | null;
  image_url: string | null;
  status: StepStatus;
  generated_at: number | null;
  error?: string | null;
  attempts: number;
}

/** `GET /step-images/{id}`. */
export interface GuideProgress {
  id?: string | null;
  status: GuideStatus;
  total_steps: number;
  completed_steps: number;
  failed_steps: number;
  /** 0..1: finished (ready or failed) steps over all steps. */
  progress: number;
  step_images: StepImage[];
  started_at: number | null;
  completed_at: number | null;
  error: string | null;
  /** Not served yet: a printable guide, shown only when present. */
  guide_url?: string | null;
  /** Not served yet: a time-lapse of the images, shown only when present. */
  timelapse_url?: string | null;
}

/** The data of a `guide` event. */
export interface GuideStatusEvent {
  id?: string;
  status: GuideStatus;
  total_steps?: number;
  started_at?: number | null;
  completed_at?: number | null;
  error?: string | null;
}

export interface FieldProblem {
  field: string;
  message: string;
}

/** Every error answer's body. */
export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    field?: string;
    fields?: FieldProblem[];
  };
}

/** `GET /capabilities`, where the server has it. */
export interface ServerCapabilities {
  engines?: string[];
  styles?: string[];
  default_style?: string;
}

export const FINAL_GUIDE_STATUSES: readonly GuideStatus[] = [
  'completed',
  'completed_with_errors',
  'failed',
  'cancelled',
];

export function isFinalStatus(status: GuideStatus): boolean {
  return FINAL_GUIDE_STATUSES.includes(status);
}
