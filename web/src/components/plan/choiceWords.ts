/** The plan format's choices as the editor words them. */
import type { OperationKind, Relation } from '../../plan/model';

/** "in_front" → "in front". */
export function choiceWords(value: string): string {
  return value.replace(/_/g, ' ');
}

/** How a part sits relative to another: "left of", "attached to". */
export const RELATION_WORDS: Record<Relation, string> = {
  on: 'on',
  in: 'in',
  under: 'under',
  beside: 'beside',
  left: 'left of',
  right: 'right of',
  behind: 'behind',
  in_front: 'in front of',
  around: 'around',
  attached_to: 'attached to',
};

/** Each operation's name in the action menu. */
export const OPERATION_WORDS: Record<OperationKind, string> = {
  add: 'Add (bring in)',
  remove: 'Remove (take away)',
  cut: 'Cut',
  paint: 'Paint',
  stain: 'Stain',
  fill: 'Fill (a container)',
  attach: 'Attach (glue, screw, tie…)',
  drill: 'Drill holes',
  wrap: 'Wrap around',
  finish: 'Finish (sand, seal…)',
  fold: 'Fold',
  bend: 'Bend',
  sew: 'Sew',
  stuff: 'Stuff',
};
