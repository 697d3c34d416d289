/** Shapes of stepcast's HTTP API, as the UI uses them. */

export const IMAGE_STYLES = ['diagram', 'sketch', 'blueprint', 'photo'] as const;
export type ImageStyle = (typeof IMAGE_STYLES)[number];

export const IMAGE_ENGINES = ['schematic', 'gemini', 'openai'] as const;
export type ImageEngine = (typeof IMAGE_ENGINES)[number];
export type ImageFormat = 'webp' | 'png' | 'svg' | 'jpeg';

/** How a cloud engine keeps the steps consistent; `guided` is the server's default. */
export const IMAGE_STRATEGIES = ['guided', 'anchored', 'chained', 'independent'] as const;
export type ImageStrategy = (typeof IMAGE_STRATEGIES)[number];

/**
 * Who writes the guide's plan (what each step shows) before it is drawn:
 * `auto`, the server's default, a language model where one is set up and
 * otherwise the offline reader; `offline` the offline reader (the
 * extractor); `gemini` or `openai` that provider's language model.
 */
export const PLANNERS = ['auto', 'offline', 'gemini', 'openai'] as const;
export type Planner = (typeof PLANNERS)[number];

/**
 * Where an unfinished guide is: `planning` while a language model writes its
 * plan (no step is drawn yet), `review` while a guide submitted with
 * `review_plan` waits for the maker to check its plan (status
 * `not_started`; `POST .../draw` starts drawing), `drawing` once drawing.
 */
export type GuidePhase = 'planning' | 'review' | 'drawing';

/** The largest concept image the server takes, decoded. */
export const MAX_CONCEPT_IMAGE_BYTES = 4 * 1024 * 1024;

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
  strategy?: ImageStrategy;
  /** The maker's picture of the finished project (`data:image/...;base64,...`), the cloud engines' style anchor. */
  concept_image?: string;
  /** Who writes the plan; absent means `auto` (older servers refuse the field). */
  planner?: Planner;
  /**
   * Check each cloud photo with a text model (which parts does it show?) and
   * redraw the step once when a part that must be in view is missing or a
   * part of a later step appears. Absent: the server's default (its
   * capabilities' `verify.default`); older servers refuse the field.
   * Meaningless for the schematic engine.
   */
  verify?: boolean;
  /**
   * Plan first, then draw: the guide is planned and waits (phase `review`)
   * until `POST /step-images/{id}/draw`, so the maker can check and fix the
   * plan before any picture is drawn. Absent: drawn at once (older servers
   * refuse the field).
   */
  review_plan?: boolean;
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

/** What a reference image was to the engine. */
export type ReferenceKind = 'schematic' | 'anchor' | 'previous_step' | 'concept';

/** One reference image a step's picture was drawn from. */
export interface StepReference {
  /** A ReferenceKind; a newer server may send others. */
  kind: string;
  /** The stored image; null for the concept image (it is in the request). */
  image_id: string | null;
  image_url?: string | null;
}

/** What a paid provider made and charged: one step's image, or a guide's totals. */
export interface ProviderUsage {
  images?: number;
  /** The provider's own time (summed over a guide's steps). */
  latency_ms: number;
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
  /** Estimated from the configured price per image. */
  cost_usd: number;
}

export interface StepUsage extends ProviderUsage {
  /** The model that answered. */
  model?: string;
}

/** A word of the step the planner used, and what it took it for ("glue" → "attach with glue"). */
export interface UnderstoodWord {
  /** As written in the step's title or description (the case may differ). */
  text: string;
  meaning: string;
}

/** A word of the step the planner could not use, and why ("blade": "unknown noun, not drawn"). */
export interface UnresolvedWord {
  /** As written in the step's title or description (the case may differ). */
  text: string;
  reason: string;
}

/** How much of one step's text the planner turned into the plan. */
export interface StepUnderstanding {
  /** 0..1: the share of the step's verbs and noun phrases the planner turned into the plan. */
  confidence: number;
  understood: UnderstoodWord[];
  unresolved: UnresolvedWord[];
  /** The step only lists materials or tools: nothing is drawn for it. */
  materials_only?: boolean;
}

/** What a photo check made of the photo: `pass`, or `fail` (a part missing, or one shown too early). */
export type CheckVerdict = 'pass' | 'fail';

/**
 * The photo check of one step (requests with `verify`): after a cloud
 * engine's photo arrived, a text model said which parts it sees; a part
 * that must be in view but is missing, or a part of a later step, had the
 * step redrawn once with the finding added to the prompt.
 */
export interface StepCheck {
  /** Of the photo that was kept (after any redraw). */
  verdict: CheckVerdict;
  /** The parts the model saw in the kept photo. */
  seen: string[];
  /** Parts that must be in view but were not seen. */
  missing: string[];
  /** Parts of later steps that appeared (shown too early). */
  unexpected: string[];
  /** How many times the step was redrawn because of a check (0 or 1). */
  redraws: number;
  /** The findings that caused the redraw, in words; only when `redraws` is 1. */
  first_findings?: string | null;
  /** The text model that checked ("gemini-3.8-flash"). */
  model?: string | null;
  /** What this step's checks cost; already included in the step's `usage.cost_usd`. */
  cost_usd?: number | null;
}

/** One step's image, from the progress JSON or a `step` event. */
export interface StepImage {
  step_number: number;
  image_id: string | null;
  image_url: string | null;
  status: StepStatus;
  generated_at: number | null;
  error?: string | null;
  attempts: number;
  /** The prompt sent to the engine. */
  prompt_used?: string | null;
  /** The step's schematic render, shown while a cloud engine works and kept if it fails. */
  preview_id?: string | null;
  preview_url?: string | null;
  references?: StepReference[];
  usage?: StepUsage | null;
  /** What the planner made of the step's text; absent from older servers. */
  understanding?: StepUnderstanding | null;
  /** The photo check of the kept photo; absent for steps that were not checked (schematic engine, verify off, older servers). */
  check?: StepCheck | null;
  /**
   * Client-side only (the progress JSON never has it): the latest partial
   * image a streaming engine sent while drawing the step, from `partial`
   * events; kept while the step is generating, dropped when it ends.
   */
  partial?: StepPartialImage;
}

/** One partial image of a step being drawn (the picture forming). */
export interface StepPartialImage {
  /** 0-based, coarse to fine, within one attempt at the step. */
  index: number;
  image_id: string | null;
  image_url: string | null;
}

/** A `partial` event's data: which step's picture is forming, and the image so far. */
export interface PartialEvent extends StepPartialImage {
  step_number: number;
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
  /** What a paid provider made and charged for the guide so far. */
  usage?: ProviderUsage | null;
  /**
   * 0..1: how much of the project's text the planner understood (the mean
   * over the steps that build something); absent from older servers.
   */
  plan_confidence?: number | null;
  /**
   * Only while the guide is unfinished: `planning` while a language model
   * writes the plan (every step pending, no previews), `review` while a
   * plan-first guide waits for the maker, then `drawing`.
   */
  phase?: GuidePhase;
  /**
   * Who wrote the plan the pictures are drawn from: `offline` (the offline
   * reader), `offline (fallback: REASON)` (the offline reader, because the
   * language model failed; REASON is a sentence), `gemini:MODEL` or
   * `openai:MODEL` (a language model), `request` (the request carried a
   * hand-written plan). Absent while a model writes it, and from older
   * servers. Model plans have no `plan_confidence` and their steps no
   * `understanding` (the offline reading does not explain them).
   */
  plan_source?: string | null;
  /** How many times the validator's errors went back to the model (0..2); present with `plan_source`. */
  plan_repairs?: number | null;
  /** The stored plan's version; absent for a plan computed from the request. */
  plan_version?: number | null;
}

/** The data of a `plan` event: a plan was stored (it comes before the first step event of a model-planned guide). */
export interface PlanEvent {
  /** The stored plan's version. */
  version?: number;
  /** As the progress's `plan_source`. */
  plan_source: string;
  /** As the progress's `plan_repairs`. */
  plan_repairs: number;
  /** Unix seconds. */
  created_at?: number;
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

/** One Gemini image model in `/capabilities`: its sizes with tokens and list prices. */
export interface GeminiModelInfo {
  id: string;
  default: boolean;
  max_reference_images: number;
  sizes: { name: string; long_edge: number; output_tokens: number; price_usd: number }[];
}

/** `GET /capabilities`, where the server has it. */
export interface ServerCapabilities {
  engines?: string[];
  styles?: string[];
  default_style?: string;
  /** The model each configured engine calls (`null` for engines without one). */
  engine_models?: Record<string, string | null>;
  models?: { gemini?: GeminiModelInfo[] };
  /** Who can write plans here; absent from older servers (they have the offline reader alone). */
  planners?: {
    /** Planner names a request may use (`auto`, `offline`, `gemini`, ...). */
    available?: string[];
    /** The language models behind them, as `provider:MODEL` (`gemini:gemini-3.8-flash`). */
    models?: string[];
  };
  /** Whether requests may ask for the photo check (`verify`) and whether it is on by default; absent from older servers. */
  verify?: {
    /** false: this server has no text model to check photos with (the form offers no check). */
    available?: boolean;
    /** What a request without `verify` gets. */
    default?: boolean;
  };
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
