/** What is in view after each step of a plan, as the server folds the steps (crates/plan/src/state.rs). */
import { OTHER_PART_FIELD, partById, type Operation, type Part, type Plan } from './model';

/** The parts an operation names: the subject first, then its other part, if any. */
export function operationParts(op: Operation): string[] {
  const field = OTHER_PART_FIELD[op.op];
  const other = field ? (op as Record<string, unknown>)[field] : undefined;
  return typeof other === 'string' ? [op.part, other] : [op.part];
}

export interface PartInView {
  part: Part;
  /** It comes into view in this step. */
  isNew: boolean;
  /** It was in view already and this step does something to it. */
  changed: boolean;
}

/** One step as the picture shows it. */
export interface StepScene {
  number: number;
  /** In the plan's part order. */
  inView: PartInView[];
  /** Parts this step takes away. */
  removed: Part[];
  materialsOnly: boolean;
}

/** Every step's scene, 1..n: a part comes into view with the first operation that names it (other than remove), and stays until removed. */
export function stepScenes(plan: Plan): StepScene[] {
  let visible = new Set<string>();
  return plan.steps.map((step) => {
    const before = visible;
    const now = new Set(before);
    const touched = new Set<string>();
    for (const op of step.ops) {
      if (op.op === 'remove') {
        now.delete(op.part);
        continue;
      }
      for (const id of operationParts(op)) {
        if (partById(plan, id)) now.add(id);
      }
      if (op.op !== 'add') for (const id of operationParts(op)) touched.add(id);
    }
    visible = now;
    const inView = plan.parts
      .filter((part) => now.has(part.id))
      .map((part) => ({ part, isNew: !before.has(part.id), changed: before.has(part.id) && touched.has(part.id) }));
    const removed = plan.parts.filter((part) => before.has(part.id) && !now.has(part.id));
    return { number: step.number, inView, removed, materialsOnly: step.materials_only };
  });
}
