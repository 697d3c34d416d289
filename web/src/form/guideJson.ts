import { IMAGE_STYLES, type GuideRequest, type ImageStyle, type StepText } from '../api/types';

/** What a pasted JSON guide gives: every part optional but the steps. */
export interface GuideFromJson {
  title?: string;
  description?: string;
  materials?: string[];
  steps: StepText[];
  style?: ImageStyle;
}

export type JsonGuideResult = { ok: true; guide: GuideFromJson } | { ok: false; message: string };

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** One string or a list of strings (as the server accepts), blanks dropped. */
function textList(value: unknown): string[] | undefined {
  const items = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
  const list = items.map(text).filter((item): item is string => item !== undefined);
  return list.length > 0 ? list : undefined;
}

/** Materials as strings, or the seed's ingredients as `{name, ...}` objects. */
function materialList(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return textList(value);
  const names = value
    .map((item) => (isObject(item) ? text(item.name) : text(item)))
    .filter((name): name is string => name !== undefined);
  return names.length > 0 ? names : undefined;
}

function stepFrom(value: unknown): StepText {
  const step = isObject(value) ? value : {};
  return withoutEmpty({
    title: typeof step.title === 'string' ? step.title.trim() : '',
    description: text(step.description),
    tools: textList(step.tools),
    safety_notes: textList(step.safety_notes),
    tips: textList(step.tips),
  });
}

function withoutEmpty<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function styleFrom(value: unknown): ImageStyle | undefined {
  return IMAGE_STYLES.find((style) => style === value);
}

/** The seed's shape: project_overview, construction_steps, ingredients or materials. */
function fromSeedShape(json: JsonObject): JsonGuideResult {
  const overview = isObject(json.project_overview) ? json.project_overview : {};
  if (!Array.isArray(json.construction_steps)) {
    return { ok: false, message: '"construction_steps" must be a list of steps.' };
  }
  const numbered = json.construction_steps.map((step, index) => ({
    order: isObject(step) && typeof step.step_number === 'number' ? step.step_number : index + 1,
    step: stepFrom(step),
  }));
  numbered.sort((a, b) => a.order - b.order);
  return {
    ok: true,
    guide: withoutEmpty({
      title: text(overview.title),
      description: text(overview.description),
      materials: materialList(json.materials ?? json.ingredients),
      steps: numbered.map(({ step }) => step),
    }),
  };
}

/** stepcast's shape: title, description, materials, steps, style. */
function fromStepcastShape(json: JsonObject): JsonGuideResult {
  if (!Array.isArray(json.steps)) return { ok: false, message: '"steps" must be a list of steps.' };
  return {
    ok: true,
    guide: withoutEmpty({
      title: text(json.title),
      description: text(json.description),
      materials: materialList(json.materials),
      steps: json.steps.map(stepFrom),
      style: styleFrom(json.style),
    }),
  };
}

/** A guide from JSON in stepcast's shape or the seed's. */
export function guideFromJsonValue(value: unknown): JsonGuideResult {
  if (!isObject(value)) return { ok: false, message: 'The JSON must be an object.' };
  if ('construction_steps' in value || 'project_overview' in value) return fromSeedShape(value);
  if ('steps' in value) return fromStepcastShape(value);
  return {
    ok: false,
    message: 'The JSON needs "steps" (stepcast\'s shape) or "construction_steps" (the seed\'s shape).',
  };
}

export function guideFromJsonText(source: string): JsonGuideResult {
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'it is not valid JSON';
    return { ok: false, message: `The steps look like JSON but could not be read: ${reason}` };
  }
  return guideFromJsonValue(value);
}

/** A complete request from a JSON guide (used for the bundled examples). */
export function requestFromJsonGuide(guide: GuideFromJson): GuideRequest {
  return withoutEmpty({ ...guide, title: guide.title ?? '' });
}
