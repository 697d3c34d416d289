import type { GuideRequest, ImageEngine, ImageStrategy, ImageStyle, Planner } from '../api/types';
import type { VerifyOption } from '../hooks/useServerChoices';
import type { ConceptImage } from './conceptImage';
import { guideFromJsonText, type GuideFromJson } from './guideJson';
import { nonBlankLines, stepsFromLines } from './stepLines';
import type { FormErrors, GuideFormField } from './fieldErrors';

/** The new-guide form's fields, as typed. */
export interface GuideFormValues {
  title: string;
  description: string;
  /** One material per line. */
  materials: string;
  /** One step per line, or a whole guide as JSON. */
  steps: string;
  style: ImageStyle;
  /** Who writes the plan; 'auto' (the server's default) sends no planner. */
  planner: Planner;
  /** 'schematic' (the server's default) sends no engine, strategy or concept image. */
  engine: ImageEngine;
  /** Sent with a cloud engine only. */
  strategy: ImageStrategy;
  /** Sent with a cloud engine only. */
  conceptImage: ConceptImage | null;
  /**
   * The photo check box: ticked or not; null while untouched (it shows the
   * server's default). Sent with a cloud engine, where the server has the check.
   */
  verify: boolean | null;
  /** Plan first: the guide waits with its plan for the maker to check before anything is drawn. */
  reviewPlan: boolean;
}

/** The fields typed as text. */
export type GuideFormTextField = 'title' | 'description' | 'materials' | 'steps';

export const emptyGuideForm: GuideFormValues = {
  title: '',
  description: '',
  materials: '',
  steps: '',
  style: 'diagram',
  planner: 'auto',
  engine: 'schematic',
  strategy: 'guided',
  conceptImage: null,
  verify: null,
  reviewPlan: false,
};

/** Whether the engine is a cloud one (one that takes a strategy and a concept image). */
export function isCloudEngine(engine: ImageEngine): boolean {
  return engine !== 'schematic';
}

export function looksLikeJson(steps: string): boolean {
  return steps.trimStart().startsWith('{');
}

export type StepsInput =
  | { kind: 'lines'; guide: GuideFromJson }
  | { kind: 'json'; guide: GuideFromJson }
  | { kind: 'invalid'; message: string };

/** The steps field read as lines or, when it starts with "{", as a JSON guide. */
export function readStepsInput(steps: string): StepsInput {
  if (!looksLikeJson(steps)) return { kind: 'lines', guide: { steps: stepsFromLines(steps) } };
  const parsed = guideFromJsonText(steps.trim());
  return parsed.ok ? { kind: 'json', guide: parsed.guide } : { kind: 'invalid', message: parsed.message };
}

/** Whether the photo check box shows ticked: as the person left it, else the server's default. */
export function verifyChecked(values: Pick<GuideFormValues, 'verify'>, option: VerifyOption | null): boolean {
  return values.verify ?? option?.default ?? false;
}

/**
 * The request's `verify`: true when the box is ticked; false when it is not
 * and the server would check by default; otherwise nothing (the server's
 * default is no check, and older servers refuse the field). Nothing where
 * the server has no check or the engine is the schematic one.
 */
export function verifyField(values: GuideFormValues, option: VerifyOption | null): boolean | undefined {
  if (!option || !isCloudEngine(values.engine)) return undefined;
  if (verifyChecked(values, option)) return true;
  return option.default ? false : undefined;
}

export type BuiltRequest =
  | {
      ok: true;
      request: GuideRequest;
      /** Fields whose value came from the JSON in the steps field (their errors belong there). */
      takenFromJson: GuideFormField[];
    }
  | { ok: false; errors: FormErrors };

/**
 * The request to send. Fields typed in the form win; a JSON guide pasted
 * into the steps field fills the ones left empty. `verify`: the photo check
 * the server offers (null: none), see verifyField.
 */
export function buildGuideRequest(values: GuideFormValues, verify: VerifyOption | null = null): BuiltRequest {
  const stepsInput = readStepsInput(values.steps);
  if (stepsInput.kind === 'invalid') {
    return { ok: false, errors: { fields: { steps: [stepsInput.message] }, form: [] } };
  }
  const fromSteps = stepsInput.guide;
  const title = values.title.trim() || fromSteps.title || '';
  const description = values.description.trim() || fromSteps.description;
  const typedMaterials = nonBlankLines(values.materials);
  const materials = typedMaterials.length > 0 ? typedMaterials : fromSteps.materials;

  const fields: FormErrors['fields'] = {};
  if (!title) fields.title = ['Give the project a title.'];
  if (fromSteps.steps.length === 0) fields.steps = ['Add at least one step.'];
  if (Object.keys(fields).length > 0) return { ok: false, errors: { fields, form: [] } };

  const request: GuideRequest = { title, steps: fromSteps.steps, style: values.style };
  if (description) request.description = description;
  if (materials && materials.length > 0) request.materials = materials;
  // Older servers refuse the field; 'auto' is the default anyway.
  if (values.planner !== 'auto') request.planner = values.planner;
  if (isCloudEngine(values.engine)) {
    request.engine = values.engine;
    request.strategy = values.strategy;
    if (values.conceptImage) request.concept_image = values.conceptImage.dataUrl;
  }
  const verifying = verifyField(values, verify);
  if (verifying !== undefined) request.verify = verifying;
  // Older servers refuse the field: sent only when asked for.
  if (values.reviewPlan) request.review_plan = true;
  const takenFromJson: GuideFormField[] = [];
  if (!values.title.trim() && fromSteps.title) takenFromJson.push('title');
  if (!values.description.trim() && fromSteps.description) takenFromJson.push('description');
  if (typedMaterials.length === 0 && fromSteps.materials) takenFromJson.push('materials');
  return { ok: true, request, takenFromJson };
}

/**
 * The form filled from a whole guide; steps as JSON so tools, safety notes
 * and tips stay. What the guide does not say (style, planner, engine,
 * strategy, concept image, photo check, plan first) stays as it was in `current`.
 */
export function formValuesFromGuide(guide: GuideRequest, current: GuideFormValues): GuideFormValues {
  return {
    title: guide.title,
    description: guide.description ?? '',
    materials: (guide.materials ?? []).join('\n'),
    steps: JSON.stringify({ steps: guide.steps }, null, 2),
    style: guide.style ?? current.style,
    planner: guide.planner ?? current.planner,
    engine: guide.engine ?? current.engine,
    strategy: guide.strategy ?? current.strategy,
    conceptImage: current.conceptImage,
    verify: guide.verify ?? current.verify,
    reviewPlan: guide.review_plan ?? current.reviewPlan,
  };
}
