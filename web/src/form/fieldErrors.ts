import type { ApiErrorBody, FieldProblem } from '../api/types';

/** The form's fields that can show an error of their own. */
export type GuideFormField =
  | 'title'
  | 'description'
  | 'materials'
  | 'steps'
  | 'style'
  | 'planner'
  | 'engine'
  | 'strategy'
  | 'concept_image'
  | 'verify'
  | 'review_plan';

export interface FormErrors {
  fields: Partial<Record<GuideFormField, string[]>>;
  /** Errors that belong to no single field. */
  form: string[];
}

export const noFormErrors: FormErrors = { fields: {}, form: [] };

/** Which form field an API field path (`steps[0].title`, `ingredients[2].name`) belongs to. */
export function formFieldFor(path: string): GuideFormField | null {
  const root = path.split(/[.[]/, 1)[0] ?? '';
  switch (root) {
    case 'title':
      return 'title';
    case 'description':
      return 'description';
    case 'steps':
    case 'construction_steps':
      return 'steps';
    case 'materials':
    case 'ingredients':
      return 'materials';
    case 'style':
      return 'style';
    case 'planner':
      return 'planner';
    // The server refuses a format only for the engine chosen (svg is the schematic engine's alone).
    case 'engine':
    case 'format':
      return 'engine';
    case 'strategy':
      return 'strategy';
    case 'concept_image':
      return 'concept_image';
    case 'verify':
      return 'verify';
    case 'review_plan':
      return 'review_plan';
    case 'project_overview':
      return path.endsWith('.description') ? 'description' : path.endsWith('.title') ? 'title' : null;
    default:
      return null;
  }
}

const LIST_ITEM_NOUNS: Record<string, string> = {
  steps: 'Step',
  construction_steps: 'Step',
  materials: 'Material',
  ingredients: 'Material',
};

/** "steps[2].title" → "Step 3, title"; "materials[0]" → "Material 1". */
export function describeFieldPath(path: string): string {
  const indexed = /^(\w+)\[(\d+)\](?:\.(.+))?$/.exec(path);
  if (indexed) {
    const [, list = '', index = '0', rest] = indexed;
    const noun = LIST_ITEM_NOUNS[list] ?? list;
    const item = `${noun} ${Number(index) + 1}`;
    return rest ? `${item}, ${rest.replace(/_/g, ' ')}` : item;
  }
  const name = path.replace(/_/g, ' ');
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** The field problems of an error body: its `fields`, else its single `field`. */
function problemsOf(body: ApiErrorBody): FieldProblem[] {
  const { fields, field, message } = body.error;
  if (fields && fields.length > 0) return fields;
  if (field) {
    const prefix = `${field}: `;
    return [{ field, message: message.startsWith(prefix) ? message.slice(prefix.length) : message }];
  }
  return [];
}

/** An API error body spread over the form: each problem next to its field. */
export function formErrorsFromApi(body: ApiErrorBody): FormErrors {
  const problems = problemsOf(body);
  if (problems.length === 0) return { fields: {}, form: [body.error.message] };
  const errors: FormErrors = { fields: {}, form: [] };
  for (const problem of problems) {
    const field = formFieldFor(problem.field);
    const sentence = `${describeFieldPath(problem.field)}: ${problem.message}`;
    if (field) (errors.fields[field] ??= []).push(sentence);
    else errors.form.push(sentence);
  }
  return errors;
}

export function hasErrors(errors: FormErrors): boolean {
  return errors.form.length > 0 || Object.values(errors.fields).some((list) => list && list.length > 0);
}

/** The errors of some fields shown on another (where their values were really typed). */
export function moveFieldErrors(errors: FormErrors, from: GuideFormField[], to: GuideFormField): FormErrors {
  const fields = { ...errors.fields };
  for (const field of from) {
    const moved = fields[field];
    if (!moved || field === to) continue;
    fields[to] = [...(fields[to] ?? []), ...moved];
    delete fields[field];
  }
  return { ...errors, fields };
}

/** The errors of fields the form does not show (an engine choice on a server with one engine) said at form level. */
export function keepErrorsOnShownFields(errors: FormErrors, shown: readonly GuideFormField[]): FormErrors {
  const fields: FormErrors['fields'] = {};
  const form = [...errors.form];
  for (const [field, messages] of Object.entries(errors.fields) as [GuideFormField, string[] | undefined][]) {
    if (!messages || messages.length === 0) continue;
    if (shown.includes(field)) fields[field] = messages;
    else form.push(...messages);
  }
  return { fields, form };
}
