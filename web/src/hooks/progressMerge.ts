import { isModelPlan } from '../api/planSource';
import {
  isFinalStatus,
  type GuideProgress,
  type GuideStatus,
  type GuideStatusEvent,
  type PartialEvent,
  type PlanEvent,
  type StepCheck,
  type StepImage,
  type StepPartialImage,
  type StepReference,
  type StepStatus,
  type StepUnderstanding,
  type StepUsage,
  type UnderstoodWord,
  type UnresolvedWord,
} from '../api/types';

/** A change received from the event stream. */
export type ProgressChange =
  | { kind: 'step'; step: StepImage }
  | { kind: 'guide'; guide: GuideStatusEvent }
  | { kind: 'plan'; plan: PlanEvent }
  | { kind: 'partial'; partial: PartialEvent };

const STEP_STATUSES: readonly StepStatus[] = ['pending', 'generating', 'completed', 'failed'];

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalText(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function referencesFrom(value: unknown): StepReference[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const references = value.filter(isObject).flatMap((item): StepReference[] =>
    typeof item.kind === 'string'
      ? [{ kind: item.kind, image_id: optionalText(item.image_id), image_url: optionalText(item.image_url) }]
      : [],
  );
  return references.length > 0 ? references : undefined;
}

function usageFrom(value: unknown): StepUsage | undefined {
  if (!isObject(value) || typeof value.cost_usd !== 'number') return undefined;
  const count = (key: string) => (typeof value[key] === 'number' ? value[key] : 0);
  const usage: StepUsage = {
    latency_ms: count('latency_ms'),
    input_tokens: count('input_tokens'),
    output_tokens: count('output_tokens'),
    total_tokens: count('total_tokens'),
    cost_usd: value.cost_usd,
  };
  if (typeof value.images === 'number') usage.images = value.images;
  if (typeof value.model === 'string') usage.model = value.model;
  return usage;
}

/** A confidence (0..1) from the server, kept within 0..1; null when it is not a number. */
export function confidenceFrom(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : null;
}

function nonBlank(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function understoodFrom(value: unknown): UnderstoodWord[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter(isObject)
    .flatMap((item) => (nonBlank(item.text) ? [{ text: item.text, meaning: typeof item.meaning === 'string' ? item.meaning : '' }] : []));
}

function unresolvedFrom(value: unknown): UnresolvedWord[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter(isObject)
    .flatMap((item) => (nonBlank(item.text) ? [{ text: item.text, reason: typeof item.reason === 'string' ? item.reason : '' }] : []));
}

/**
 * A step's `understanding` in its known shape: the confidence (within 0..1)
 * and the words, each with its text; undefined when there is none, or when
 * it has no confidence and is not a materials list.
 */
export function understandingFrom(value: unknown): StepUnderstanding | undefined {
  if (!isObject(value)) return undefined;
  const materialsOnly = value.materials_only === true;
  const confidence = confidenceFrom(value.confidence);
  if (confidence === null && !materialsOnly) return undefined;
  const understanding: StepUnderstanding = {
    confidence: confidence ?? 0,
    understood: understoodFrom(value.understood),
    unresolved: unresolvedFrom(value.unresolved),
  };
  if (materialsOnly) understanding.materials_only = true;
  return understanding;
}

function partNames(value: unknown): string[] {
  return Array.isArray(value) ? value.filter(nonBlank).map((name) => name.trim()) : [];
}

/**
 * A step's photo `check` in its known shape: the verdict, the part lists
 * (names that are not blank), the redraws (a whole number, at least 0),
 * and the first findings, model and cost where given; undefined when there
 * is none, or when its verdict is neither `pass` nor `fail`.
 */
export function checkFrom(value: unknown): StepCheck | undefined {
  if (!isObject(value) || (value.verdict !== 'pass' && value.verdict !== 'fail')) return undefined;
  const redraws = value.redraws;
  const check: StepCheck = {
    verdict: value.verdict,
    seen: partNames(value.seen),
    missing: partNames(value.missing),
    unexpected: partNames(value.unexpected),
    redraws: typeof redraws === 'number' && Number.isFinite(redraws) && redraws > 0 ? Math.floor(redraws) : 0,
  };
  if (nonBlank(value.first_findings)) check.first_findings = value.first_findings.trim();
  if (nonBlank(value.model)) check.model = value.model;
  if (typeof value.cost_usd === 'number' && Number.isFinite(value.cost_usd) && value.cost_usd >= 0) check.cost_usd = value.cost_usd;
  return check;
}

/**
 * A step from a `step` event's data: the step JSON, or the stored step
 * record it is made from (`number` for `step_number`, ids without URLs;
 * the URLs are built from the ids when shown). Null when it is neither.
 */
export function stepFromEventData(value: unknown): StepImage | null {
  if (!isObject(value)) return null;
  const number = typeof value.step_number === 'number' ? value.step_number : value.number;
  const status = STEP_STATUSES.find((known) => known === value.status);
  if (typeof number !== 'number' || !status) return null;
  const step: StepImage = {
    step_number: number,
    image_id: optionalText(value.image_id),
    image_url: optionalText(value.image_url),
    status,
    generated_at: typeof value.generated_at === 'number' ? value.generated_at : null,
    attempts: typeof value.attempts === 'number' ? value.attempts : 0,
  };
  const error = optionalText(value.error);
  if (error) step.error = error;
  const prompt = optionalText(value.prompt_used);
  if (prompt) step.prompt_used = prompt;
  const previewId = optionalText(value.preview_id);
  if (previewId) step.preview_id = previewId;
  const previewUrl = optionalText(value.preview_url);
  if (previewUrl) step.preview_url = previewUrl;
  const references = referencesFrom(value.references);
  if (references) step.references = references;
  const usage = usageFrom(value.usage);
  if (usage) step.usage = usage;
  const understanding = understandingFrom(value.understanding);
  if (understanding) step.understanding = understanding;
  const check = checkFrom(value.check);
  if (check) step.check = check;
  return step;
}

/**
 * A `plan` event's data: who wrote the stored plan, how often it was
 * repaired, its version. Null without a source.
 */
export function planEventFrom(value: unknown): PlanEvent | null {
  if (!isObject(value) || !nonBlank(value.plan_source)) return null;
  const repairs = value.plan_repairs;
  const plan: PlanEvent = {
    plan_source: value.plan_source,
    plan_repairs: typeof repairs === 'number' && Number.isFinite(repairs) && repairs > 0 ? Math.floor(repairs) : 0,
  };
  if (typeof value.version === 'number' && Number.isFinite(value.version)) plan.version = value.version;
  if (typeof value.created_at === 'number') plan.created_at = value.created_at;
  return plan;
}

/**
 * A `partial` event's data: the step, the image's index (0-based, coarse
 * to fine) and where it is. Null without a step number, a whole index that
 * is not negative, or an image id or URL.
 */
export function partialEventFrom(value: unknown): PartialEvent | null {
  if (!isObject(value)) return null;
  const { step_number: stepNumber, index } = value;
  if (typeof stepNumber !== 'number' || typeof index !== 'number' || !Number.isInteger(index) || index < 0) return null;
  const imageId = optionalText(value.image_id);
  const imageUrl = optionalText(value.image_url);
  if (!imageId && !imageUrl) return null;
  return { step_number: stepNumber, index, image_id: imageId, image_url: imageUrl };
}

/**
 * The change an event of the stream carries: `step`, `guide`, `plan` or `partial`;
 * null for other kinds (a newer server's) and for data that is not what
 * the kind says.
 */
export function changeFromEvent(kind: string, data: string): ProgressChange | null {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  switch (kind) {
    case 'step': {
      const step = stepFromEventData(value);
      return step ? { kind: 'step', step } : null;
    }
    case 'guide':
      return isObject(value) && typeof value.status === 'string'
        ? { kind: 'guide', guide: value as unknown as GuideStatusEvent }
        : null;
    case 'plan': {
      const plan = planEventFrom(value);
      return plan ? { kind: 'plan', plan } : null;
    }
    case 'partial': {
      const partial = partialEventFrom(value);
      return partial ? { kind: 'partial', partial } : null;
    }
    default:
      return null;
  }
}

/** Progress for a guide nothing is known about yet. */
export function emptyProgress(guideId: string): GuideProgress {
  return {
    id: guideId,
    status: 'not_started',
    total_steps: 0,
    completed_steps: 0,
    failed_steps: 0,
    progress: 0,
    step_images: [],
    started_at: null,
    completed_at: null,
    error: null,
  };
}

/** Recomputes the counters from the steps, as the server does. */
export function withCounts(progress: GuideProgress): GuideProgress {
  const completed = progress.step_images.filter((s) => s.status === 'completed').length;
  const failed = progress.step_images.filter((s) => s.status === 'failed').length;
  const total = Math.max(progress.total_steps, progress.step_images.length);
  return {
    ...progress,
    total_steps: total,
    completed_steps: completed,
    failed_steps: failed,
    progress: total === 0 ? 0 : (completed + failed) / total,
  };
}

/**
 * The partial image a step keeps through a new state of it: only while the
 * same attempt is still being drawn. A step that is done, failed, put back
 * to pending (cancelled) or drawn again (regenerated, retried, resumed)
 * drops it.
 */
function keptPartial(previous: StepImage | undefined, next: StepImage): StepPartialImage | undefined {
  if (!previous?.partial) return undefined;
  const sameDrawing = previous.status === 'generating' && next.status === 'generating' && previous.attempts === next.attempts;
  return sameDrawing ? previous.partial : undefined;
}

/**
 * Puts one step's new state in place of its old one (by step number). The
 * step's understanding comes from the plan, which a redraw does not change:
 * an event without one keeps the one the step had. Its photo check is the
 * new state's alone (a redrawn photo has its own, or none yet). Its partial
 * image stays while the same attempt is being drawn.
 */
export function mergeStep(progress: GuideProgress, step: StepImage): GuideProgress {
  const previous = progress.step_images.find((s) => s.step_number === step.step_number);
  const merged: StepImage = { ...step };
  delete merged.partial;
  if (!merged.understanding && previous?.understanding) merged.understanding = previous.understanding;
  const partial = keptPartial(previous, step);
  if (partial) merged.partial = partial;
  const others = progress.step_images.filter((s) => s.step_number !== step.step_number);
  const stepImages = [...others, merged].sort((a, b) => a.step_number - b.step_number);
  return withCounts({ ...progress, step_images: stepImages });
}

/**
 * Takes a guide event's status, timestamps and error; the rest (the plan,
 * its confidence, the usage) stays. The phase is kept while the guide is
 * unfinished, as the server sends it; a guide that waited for its plan to
 * be checked (`review`) and is generating now is drawing.
 */
export function mergeGuideStatus(progress: GuideProgress, guide: GuideStatusEvent): GuideProgress {
  const { phase, ...rest } = progress;
  const unfinished = guide.status === 'generating' || guide.status === 'not_started';
  const nextPhase = phase === 'review' && guide.status === 'generating' ? 'drawing' : phase;
  return withCounts({
    ...rest,
    ...(nextPhase !== undefined && unfinished ? { phase: nextPhase } : {}),
    status: guide.status,
    total_steps: typeof guide.total_steps === 'number' ? guide.total_steps : progress.total_steps,
    started_at: guide.started_at !== undefined ? guide.started_at : progress.started_at,
    completed_at: guide.completed_at !== undefined ? guide.completed_at : progress.completed_at,
    error: guide.error !== undefined ? guide.error : progress.error,
  });
}

/** The phase once a plan is stored: none for a finished guide, `review` for one that has not started (it waits for the maker), else `drawing`. */
function phaseAfterPlan(status: GuideStatus): Pick<GuideProgress, 'phase'> {
  if (isFinalStatus(status)) return {};
  return { phase: status === 'not_started' ? 'review' : 'drawing' };
}

/**
 * Takes a plan event: who wrote the plan, its repairs and version, and the
 * guide goes on to drawing (or, not started, to the maker's review). A plan older than the one known (a replay) is
 * ignored. A language model's plan has no confidence and its steps no
 * understanding (the offline reading does not explain it), so any from an
 * earlier plan go.
 */
export function mergePlan(progress: GuideProgress, plan: PlanEvent): GuideProgress {
  const known = progress.plan_version;
  if (typeof known === 'number' && typeof plan.version === 'number' && plan.version < known) return progress;
  const { phase: _phase, ...rest } = progress;
  const next: GuideProgress = {
    ...rest,
    ...phaseAfterPlan(progress.status),
    plan_source: plan.plan_source,
    plan_repairs: plan.plan_repairs,
  };
  if (typeof plan.version === 'number') next.plan_version = plan.version;
  if (isModelPlan(plan.plan_source)) {
    delete next.plan_confidence;
    next.step_images = progress.step_images.map(({ understanding: _understanding, ...step }) => step);
  }
  return next;
}

/**
 * Takes a partial image for a step being drawn, unless the step holds a
 * later one (a higher index) already. A step that is not being drawn (done
 * already: a replay; or not started) takes none.
 */
export function mergePartial(progress: GuideProgress, partial: PartialEvent): GuideProgress {
  const current = progress.step_images.find((s) => s.step_number === partial.step_number);
  if (current?.status !== 'generating') return progress;
  if (current.partial && partial.index < current.partial.index) return progress;
  const { step_number: _stepNumber, ...image } = partial;
  return {
    ...progress,
    step_images: progress.step_images.map((s) => (s === current ? { ...s, partial: image } : s)),
  };
}

/**
 * A full read in place of what was known: the read has no partial images,
 * so the steps it still finds drawn in the same attempt keep theirs.
 */
export function withPartialsKept(previous: GuideProgress | null, next: GuideProgress): GuideProgress {
  if (!previous?.step_images.some((s) => s.partial)) return next;
  let kept = false;
  const stepImages = next.step_images.map((step) => {
    const partial = keptPartial(previous.step_images.find((s) => s.step_number === step.step_number), step);
    if (!partial || (step.partial && step.partial.index >= partial.index)) return step;
    kept = true;
    return { ...step, partial };
  });
  return kept ? { ...next, step_images: stepImages } : next;
}

export function applyChange(progress: GuideProgress, change: ProgressChange): GuideProgress {
  switch (change.kind) {
    case 'step':
      return mergeStep(progress, change.step);
    case 'guide':
      return mergeGuideStatus(progress, change.guide);
    case 'plan':
      return mergePlan(progress, change.plan);
    case 'partial':
      return mergePartial(progress, change.partial);
  }
}
