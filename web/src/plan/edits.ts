/** The editor's changes to a plan, as pure functions: each returns a new plan and leaves the old one as it was. */
import { OTHER_PART_FIELD, partById, type Operation, type OperationKind, type Part, type Plan, type PlanStep } from './model';
import { operationParts } from './stepParts';

export function updatePart(plan: Plan, index: number, patch: Partial<Part>): Plan {
  return { ...plan, parts: plan.parts.map((part, i) => (i === index ? { ...part, ...patch } : part)) };
}

/** A part id made from a name, unique in the plan: "glass jar" → "glass-jar", then "glass-jar-2". */
export function newPartId(plan: Plan, name: string): string {
  const base =
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'part';
  const taken = new Set(plan.parts.map((part) => part.id));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** A new part at the end: a generic grey block on the ground. */
export function addPart(plan: Plan, name = 'new part'): Plan {
  const part: Part = {
    id: newPartId(plan, name),
    name,
    kind: 'generic',
    count: 1,
    size: [10, 10, 10],
    color: '#9ca3af',
    material: 'other',
    placement: { relation: 'on' },
  };
  return { ...plan, parts: [...plan.parts, part] };
}

/** What removing a part takes with it. */
export interface PartRemoval {
  plan: Plan;
  /** Operations that named the part, now gone. */
  operations: number;
  /** Parts that were placed relative to it, now on the ground. */
  placements: number;
}

/** Removes a part, every operation that names it, and puts the parts placed relative to it on the ground. */
export function removePart(plan: Plan, index: number): PartRemoval {
  const id = plan.parts[index]?.id;
  if (id === undefined) return { plan, operations: 0, placements: 0 };
  let operations = 0;
  let placements = 0;
  const steps = plan.steps.map((step) => {
    const ops = step.ops.filter((op) => !operationParts(op).includes(id));
    operations += step.ops.length - ops.length;
    return ops.length === step.ops.length ? step : { ...step, ops };
  });
  const parts = plan.parts
    .filter((_, i) => i !== index)
    .map((part) => {
      if (part.placement.target !== id) return part;
      placements += 1;
      return { ...part, placement: { relation: part.placement.relation } };
    });
  return { plan: { ...plan, parts, steps }, operations, placements };
}

export function updateStep(plan: Plan, stepIndex: number, patch: Partial<PlanStep>): Plan {
  return { ...plan, steps: plan.steps.map((step, i) => (i === stepIndex ? { ...step, ...patch } : step)) };
}

export function setOperation(plan: Plan, stepIndex: number, opIndex: number, op: Operation): Plan {
  const step = plan.steps[stepIndex];
  if (!step) return plan;
  return updateStep(plan, stepIndex, { ops: step.ops.map((old, i) => (i === opIndex ? op : old)) });
}

export function addOperation(plan: Plan, stepIndex: number, op: Operation): Plan {
  const step = plan.steps[stepIndex];
  if (!step) return plan;
  return updateStep(plan, stepIndex, { ops: [...step.ops, op] });
}

export function removeOperation(plan: Plan, stepIndex: number, opIndex: number): Plan {
  const step = plan.steps[stepIndex];
  if (!step) return plan;
  return updateStep(plan, stepIndex, { ops: step.ops.filter((_, i) => i !== opIndex) });
}

/** A part to pair with `part` by default: the first other part of the plan (the part itself if there is none). */
function anotherPart(plan: Plan, part: string): string {
  return plan.parts.find((p) => p.id !== part)?.id ?? part;
}

/**
 * The operation turned into another kind: the same part, the other fields
 * kept where both kinds have them (attach's `to` for sew) and otherwise the
 * format's defaults (half kept, one hole, glue, the part's own colour...).
 */
export function withKind(plan: Plan, op: Operation, kind: OperationKind): Operation {
  if (op.op === kind) return op;
  const part = op.part;
  const previous = op as Record<string, unknown>;
  const otherField = OTHER_PART_FIELD[op.op];
  const other = (otherField && typeof previous[otherField] === 'string' ? (previous[otherField] as string) : null) ?? anotherPart(plan, part);
  const color = typeof previous.color === 'string' ? previous.color : (partById(plan, part)?.color ?? '#9ca3af');
  switch (kind) {
    case 'add':
    case 'remove':
      return { op: kind, part };
    case 'cut':
      return { op: 'cut', part, keep: 'bottom', fraction: 0.5 };
    case 'paint':
    case 'stain':
      return { op: kind, part, color };
    case 'fill':
      return { op: 'fill', part, container: other, level: 0.5 };
    case 'attach':
      return { op: 'attach', part, to: other, method: 'glue' };
    case 'drill':
      return { op: 'drill', part, holes: 1 };
    case 'wrap':
      return { op: 'wrap', part, around: other };
    case 'finish':
      return { op: 'finish', part, finish: 'sand' };
    case 'fold':
      return { op: 'fold', part, folds: 1 };
    case 'bend':
      return { op: 'bend', part, shape: 'bend' };
    case 'sew':
      return { op: 'sew', part, to: other };
    case 'stuff':
      return { op: 'stuff', part, into: other };
  }
}
