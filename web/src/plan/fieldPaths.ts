/**
 * Where in the editor a field the server names is: `plan.parts[2].kind` is
 * the kind of the third part, `plan.steps[1].ops[0].to` the "to" of the
 * second step's first operation.
 */
import type { FieldProblem } from '../api/types';
import type { Plan } from './model';

/** A field of the plan, as the editor keys it: the server's path without `plan.` (`parts[2].kind`). */
export type FieldPath = string;

/** Problems per field, and those the editor shows no field for. */
export interface PlanFieldErrors {
  byField: Record<FieldPath, string[]>;
  /** In the server's order, every problem, each with the field it names. */
  all: FieldProblem[];
}

export const noFieldErrors: PlanFieldErrors = { byField: {}, all: [] };

/** `plan.parts[2].size[0]` → `parts[2].size[0]`; the plan as a whole is `''`. */
export function fieldPath(serverField: string): FieldPath {
  if (serverField === 'plan') return '';
  return serverField.startsWith('plan.') ? serverField.slice(5) : serverField;
}

/** The DOM id of the input for a field. */
export function fieldId(path: FieldPath): string {
  return `plan-field-${path.replace(/[^a-zA-Z0-9]+/g, '-').replace(/-+$/, '')}`;
}

export function fieldErrorsFrom(problems: FieldProblem[]): PlanFieldErrors {
  const byField: Record<FieldPath, string[]> = {};
  for (const problem of problems) {
    const path = fieldPath(problem.field);
    (byField[path] ??= []).push(problem.message);
  }
  return { byField, all: problems };
}

/** The errors the server gave for one field. */
export function errorsAt(errors: PlanFieldErrors, path: FieldPath): string[] {
  return errors.byField[path] ?? [];
}

/** Without the errors of one field (the person changed it). */
export function withoutField(errors: PlanFieldErrors, path: FieldPath): PlanFieldErrors {
  if (!(path in errors.byField)) return errors;
  const { [path]: _gone, ...byField } = errors.byField;
  return { byField, all: errors.all.filter((problem) => fieldPath(problem.field) !== path) };
}

/** The step (0-based) a field belongs to, if it is in a step. */
export function stepIndexOf(path: FieldPath): number | null {
  const match = /^steps\[(\d+)\]/.exec(path);
  return match ? Number(match[1]) : null;
}

const FIELD_WORDS: Record<string, string> = {
  id: 'id',
  name: 'name',
  kind: 'kind',
  count: 'count',
  size: 'size',
  'size[0]': 'width',
  'size[1]': 'height',
  'size[2]': 'depth',
  color: 'colour',
  material: 'material',
  'placement.relation': 'placed',
  'placement.target': 'relative to',
  part: 'part',
  to: 'to',
  container: 'container',
  around: 'around',
  into: 'into',
  level: 'level',
  fraction: 'fraction kept',
  keep: 'piece kept',
  shape: 'shape',
  holes: 'holes',
  folds: 'folds',
  method: 'how',
  finish: 'finish',
  complete: 'finished build',
  materials_only: 'materials only',
  tools: 'tools',
  number: 'number',
  title: 'title',
};

/** A field in words: "Part 3 (glass jar): kind", "Step 2, operation 1: to". */
export function describeField(plan: Plan, path: FieldPath): string {
  const part = /^parts\[(\d+)\](?:\.(.+))?$/.exec(path);
  if (part) {
    const index = Number(part[1]);
    const name = plan.parts[index]?.name;
    const which = `Part ${index + 1}${name ? ` (${name})` : ''}`;
    return part[2] ? `${which}: ${FIELD_WORDS[part[2]] ?? part[2]}` : which;
  }
  const op = /^steps\[(\d+)\]\.ops\[(\d+)\](?:\.(.+))?$/.exec(path);
  if (op) {
    const which = `Step ${Number(op[1]) + 1}, operation ${Number(op[2]) + 1}`;
    return op[3] ? `${which}: ${FIELD_WORDS[op[3]] ?? op[3]}` : which;
  }
  const step = /^steps\[(\d+)\](?:\.(.+))?$/.exec(path);
  if (step) {
    const which = `Step ${Number(step[1]) + 1}`;
    return step[2] ? `${which}: ${FIELD_WORDS[step[2]] ?? step[2]}` : which;
  }
  return path === '' ? 'The plan' : path;
}
