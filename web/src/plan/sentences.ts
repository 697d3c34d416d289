/** A plan's operations in plain words: "glue the strip to the bottle", "paint the jar #2e86c1 blue". */
import { colorName } from './colorNames';
import { partById, type AttachMethod, type BendShape, type FinishKind, type Operation, type Plan } from './model';

/** "the bottle"; a part the plan does not have is named by its id. */
function the(plan: Plan, id: string): string {
  const name = partById(plan, id)?.name.trim() || id || 'part';
  return `the ${name}`;
}

const ATTACH_VERBS: Record<AttachMethod, string> = {
  glue: 'glue',
  screw: 'screw',
  nail: 'nail',
  tie: 'tie',
  tape: 'tape',
  clamp: 'clamp',
  press: 'press',
  sew: 'sew',
};

const FINISH_VERBS: Record<FinishKind, string> = {
  sand: 'sand',
  seal: 'seal',
  varnish: 'varnish',
  wax: 'wax',
  polish: 'polish',
  clean: 'clean',
};

const BEND_VERBS: Record<BendShape, string> = {
  bend: 'bend',
  coil: 'coil',
  twist: 'twist',
  loop: 'bend',
};

/** "#2e86c1 blue", or the code alone when it has no name. */
export function colorWords(hex: string): string {
  const name = colorName(hex);
  return name ? `${hex} ${name}` : hex;
}

/** "halfway", "to the top", "to 30%". */
function levelWords(level: number): string {
  if (level >= 1) return 'to the top';
  if (Math.abs(level - 0.5) < 0.005) return 'halfway';
  return `to ${Math.round(level * 100)}%`;
}

/** "half", "a quarter", "30%". */
function fractionWords(fraction: number): string {
  if (Math.abs(fraction - 0.5) < 0.005) return 'half';
  if (Math.abs(fraction - 0.25) < 0.005) return 'a quarter';
  if (Math.abs(fraction - 0.75) < 0.005) return 'three quarters';
  return `${Math.round(fraction * 100)}%`;
}

function times(count: number): string {
  if (count === 1) return '';
  if (count === 2) return ' twice';
  return ` ${count} times`;
}

/** One operation as a sentence without a capital or a full stop: "glue the strip to the bottle". */
export function operationSentence(plan: Plan, op: Operation): string {
  const part = the(plan, op.part);
  switch (op.op) {
    case 'add':
      return `add ${part}`;
    case 'remove':
      return `remove ${part}`;
    case 'cut':
      if (op.shape) return `cut a ${op.shape} out of ${part}`;
      if (op.keep === 'pieces') return `cut ${part} into pieces`;
      if (op.keep === 'shape') return `cut a shape out of ${part}`;
      return `cut ${part} and keep the ${op.keep} ${fractionWords(op.fraction)}`;
    case 'paint':
      return `paint ${part} ${colorWords(op.color)}`;
    case 'stain':
      return `stain ${part} ${colorWords(op.color)}`;
    case 'fill':
      return `fill ${the(plan, op.container)} ${levelWords(op.level)} with ${part}`;
    case 'attach': {
      const verb = ATTACH_VERBS[op.method];
      if (op.to === op.part) return `${verb} ${part} together`;
      return `${verb} ${part} ${op.method === 'press' ? 'onto' : 'to'} ${the(plan, op.to)}`;
    }
    case 'drill':
      return op.holes === 1 ? `drill a hole in ${part}` : `drill ${op.holes} holes in ${part}`;
    case 'wrap':
      return `wrap ${part} around ${the(plan, op.around)}`;
    case 'finish':
      return `${FINISH_VERBS[op.finish]} ${part}`;
    case 'fold':
      return `fold ${part} in half${times(op.folds)}`;
    case 'bend':
      return op.shape === 'loop' ? `bend ${part} into a loop` : `${BEND_VERBS[op.shape]} ${part}`;
    case 'sew':
      return op.to === op.part ? `sew ${part} shut` : `sew ${part} to ${the(plan, op.to)}`;
    case 'stuff':
      return `stuff ${the(plan, op.into)} with ${part}`;
  }
}

/** The sentence with a capital letter: "Glue the strip to the bottle". */
export function capitalized(sentence: string): string {
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
