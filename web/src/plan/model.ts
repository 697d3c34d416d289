/**
 * The plan format (the assembly model every picture is drawn from), as the
 * editor uses it: `GET /plan.schema.json` on the server, and
 * crates/plan/src/model.rs. Every choice list below is exactly the one the
 * format allows, in the format's order.
 */

export const PART_KINDS = [
  'box', 'crate', 'board', 'plank', 'slat', 'pallet', 'cylinder', 'can', 'tube', 'pipe', 'bottle', 'jar', 'lid',
  'cone', 'sphere', 'torus', 'tire', 'disc', 'sheet', 'fabric', 'paper', 'rope', 'string', 'wire', 'chain', 'fill',
  'plant', 'lights', 'cushion', 'leg', 'hardware', 'generic',
] as const;
export type PartKind = (typeof PART_KINDS)[number];

export const MATERIALS = [
  'plastic', 'glass', 'metal', 'wood', 'cardboard', 'paper', 'fabric', 'rubber', 'ceramic', 'cork', 'foam', 'soil',
  'stone', 'water', 'seed', 'plant', 'wax', 'fibre', 'other',
] as const;
export type Material = (typeof MATERIALS)[number];

export const RELATIONS = ['on', 'in', 'under', 'beside', 'left', 'right', 'behind', 'in_front', 'around', 'attached_to'] as const;
export type Relation = (typeof RELATIONS)[number];

export const CUT_KEEPS = ['bottom', 'top', 'left', 'right', 'pieces', 'shape'] as const;
export type CutKeep = (typeof CUT_KEEPS)[number];

export const CUT_SHAPES = ['circle', 'square', 'rectangle', 'triangle', 'heart', 'star', 'leaf', 'diamond', 'strip', 'petal'] as const;
export type CutShape = (typeof CUT_SHAPES)[number];

export const ATTACH_METHODS = ['glue', 'screw', 'nail', 'tie', 'tape', 'clamp', 'press', 'sew'] as const;
export type AttachMethod = (typeof ATTACH_METHODS)[number];

export const FINISH_KINDS = ['sand', 'seal', 'varnish', 'wax', 'polish', 'clean'] as const;
export type FinishKind = (typeof FINISH_KINDS)[number];

export const BEND_SHAPES = ['bend', 'coil', 'twist', 'loop'] as const;
export type BendShape = (typeof BEND_SHAPES)[number];

export const TOOLS = [
  'scissors', 'knife', 'saw', 'drill', 'sandpaper', 'brush', 'spray_can', 'glue_gun', 'glue', 'screwdriver', 'hammer',
  'nail', 'tape', 'pliers', 'needle', 'ruler', 'pencil', 'clamp', 'wrench', 'stapler', 'watering_can', 'trowel',
] as const;
export type Tool = (typeof TOOLS)[number];

/** The tools as people name them (the labels under the tool icons). */
export const TOOL_LABELS: Record<Tool, string> = {
  scissors: 'scissors',
  knife: 'craft knife',
  saw: 'hand saw',
  drill: 'drill',
  sandpaper: 'sandpaper',
  brush: 'paint brush',
  spray_can: 'spray can',
  glue_gun: 'hot glue gun',
  glue: 'glue',
  screwdriver: 'screwdriver',
  hammer: 'hammer',
  nail: 'nails',
  tape: 'tape',
  pliers: 'pliers',
  needle: 'needle and thread',
  ruler: 'ruler',
  pencil: 'pencil',
  clamp: 'clamp',
  wrench: 'wrench',
  stapler: 'stapler',
  watering_can: 'watering can',
  trowel: 'trowel',
};

/** Most identical copies of one part. */
export const MAX_PART_COUNT = 100;
/** Most folds of one fold operation. */
export const MAX_FOLDS = 8;

/** A part id: lowercase letters, digits and '-'. */
export type PartId = string;

export interface Placement {
  relation: Relation;
  /** The part this one is placed relative to; absent: the ground. */
  target?: PartId;
}

export interface Part {
  id: PartId;
  name: string;
  kind: PartKind;
  count: number;
  /** [width, height, depth] in cm of one copy. */
  size: [number, number, number];
  /** #rrggbb, lowercase. */
  color: string;
  material: Material;
  placement: Placement;
}

export type Operation =
  | { op: 'add'; part: PartId }
  | { op: 'remove'; part: PartId }
  | { op: 'cut'; part: PartId; keep: CutKeep; fraction: number; shape?: CutShape }
  | { op: 'paint'; part: PartId; color: string }
  | { op: 'stain'; part: PartId; color: string }
  | { op: 'fill'; part: PartId; container: PartId; level: number }
  | { op: 'attach'; part: PartId; to: PartId; method: AttachMethod }
  | { op: 'drill'; part: PartId; holes: number }
  | { op: 'wrap'; part: PartId; around: PartId }
  | { op: 'finish'; part: PartId; finish: FinishKind }
  | { op: 'fold'; part: PartId; folds: number }
  | { op: 'bend'; part: PartId; shape: BendShape }
  | { op: 'sew'; part: PartId; to: PartId }
  | { op: 'stuff'; part: PartId; into: PartId };

export type OperationKind = Operation['op'];

export const OPERATION_KINDS = [
  'add', 'remove', 'cut', 'paint', 'stain', 'fill', 'attach', 'drill', 'wrap', 'finish', 'fold', 'bend', 'sew', 'stuff',
] as const satisfies readonly OperationKind[];

/** The field of an operation that names a second part, where it has one. */
export const OTHER_PART_FIELD: Partial<Record<OperationKind, 'container' | 'to' | 'around' | 'into'>> = {
  fill: 'container',
  attach: 'to',
  sew: 'to',
  wrap: 'around',
  stuff: 'into',
};

export interface PlanStep {
  number: number;
  title: string;
  ops: Operation[];
  tools: Tool[];
  materials_only: boolean;
  complete: boolean;
}

/** A plan as the editor holds it: defaults filled in; fields it does not edit (framing, unresolved) kept as they came. */
export interface Plan {
  title: string;
  parts: Part[];
  steps: PlanStep[];
  [other: string]: unknown;
}

/** `GET /step-images/{id}/plan`. */
export interface GuidePlan {
  guide_id: string;
  /** 0: never saved (the offline reading of the text, or the request's own plan). */
  version: number;
  /** `offline`, `request`, `gemini:MODEL`, `edited`, `revert to N`, ... */
  source: string;
  repairs: number;
  created_at?: number | null;
  /** The offline reader's confidence (0..1) in an unedited reading. */
  confidence?: number | null;
  plan: Plan;
}

/** What `PUT .../plan` and `POST .../plan/revert` answer. */
export interface SavedPlan {
  guide_id: string;
  version: number;
  /** Steps drawn again, 1-based. */
  redrawn: number[];
  unchanged: number[];
  redraw_count: number;
  framing_kept: boolean;
  estimated_cost_usd: number;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function oneOf<T extends string>(choices: readonly T[], value: unknown, fallback: T): T {
  return choices.find((choice) => choice === value) ?? fallback;
}

function readPart(value: JsonObject): Part {
  const size = Array.isArray(value.size) ? value.size : [];
  const placement = isObject(value.placement) ? value.placement : {};
  const part: Part = {
    id: text(value.id),
    name: text(value.name),
    kind: oneOf(PART_KINDS, value.kind, 'generic'),
    count: numberOr(value.count, 1),
    size: [numberOr(size[0], 10), numberOr(size[1], 10), numberOr(size[2], 10)],
    color: text(value.color, '#999999'),
    material: oneOf(MATERIALS, value.material, 'other'),
    placement: { relation: oneOf(RELATIONS, placement.relation, 'on') },
  };
  if (typeof placement.target === 'string' && placement.target !== '') part.placement.target = placement.target;
  return part;
}

/**
 * An operation with the format's defaults filled in (cut keeps the bottom
 * half, attach glues, drill makes one hole, fold folds once, bend bends);
 * null for a kind this UI does not know (a newer server's).
 */
export function readOperation(value: unknown): Operation | null {
  if (!isObject(value)) return null;
  const part = text(value.part);
  switch (value.op) {
    case 'add':
    case 'remove':
      return { op: value.op, part };
    case 'cut': {
      const cut: Operation = { op: 'cut', part, keep: oneOf(CUT_KEEPS, value.keep, 'bottom'), fraction: numberOr(value.fraction, 0.5) };
      const shape = CUT_SHAPES.find((s) => s === value.shape);
      if (shape) cut.shape = shape;
      return cut;
    }
    case 'paint':
    case 'stain':
      return { op: value.op, part, color: text(value.color) };
    case 'fill':
      return { op: 'fill', part, container: text(value.container), level: numberOr(value.level, 1) };
    case 'attach':
      return { op: 'attach', part, to: text(value.to), method: oneOf(ATTACH_METHODS, value.method, 'glue') };
    case 'drill':
      return { op: 'drill', part, holes: numberOr(value.holes, 1) };
    case 'wrap':
      return { op: 'wrap', part, around: text(value.around) };
    case 'finish':
      return { op: 'finish', part, finish: oneOf(FINISH_KINDS, value.finish, 'sand') };
    case 'fold':
      return { op: 'fold', part, folds: numberOr(value.folds, 1) };
    case 'bend':
      return { op: 'bend', part, shape: oneOf(BEND_SHAPES, value.shape, 'bend') };
    case 'sew':
      return { op: 'sew', part, to: text(value.to) };
    case 'stuff':
      return { op: 'stuff', part, into: text(value.into) };
    default:
      return null;
  }
}

function readStep(value: JsonObject, index: number): PlanStep {
  const ops = Array.isArray(value.ops) ? value.ops : [];
  const tools = Array.isArray(value.tools) ? value.tools : [];
  return {
    number: numberOr(value.number, index + 1),
    title: text(value.title),
    ops: ops.map(readOperation).filter((op): op is Operation => op !== null),
    // In the plan's order: the tool icons are drawn in it.
    tools: tools.filter((tool): tool is Tool => TOOLS.includes(tool as Tool)),
    materials_only: value.materials_only === true,
    complete: value.complete === true,
  };
}

/**
 * A plan from the server's JSON, with the format's defaults filled in
 * (count 1, no tools, placement on the ground...), so that two plans that
 * mean the same compare equal. Fields the editor does not show (framing,
 * unresolved) are kept as they are.
 */
export function readPlan(value: unknown): Plan {
  const plan = isObject(value) ? value : {};
  const parts = Array.isArray(plan.parts) ? plan.parts.filter(isObject) : [];
  const steps = Array.isArray(plan.steps) ? plan.steps.filter(isObject) : [];
  return {
    ...plan,
    title: text(plan.title),
    parts: parts.map(readPart),
    steps: steps.map(readStep),
  };
}

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortedKeys(value[key])]),
  );
}

/**
 * Whether two plans mean the same. The camera's framing is the server's
 * business (it sets it on every save), so it does not count.
 */
export function samePlan(a: Plan, b: Plan): boolean {
  const { framing: _a, ...restA } = a;
  const { framing: _b, ...restB } = b;
  return JSON.stringify(sortedKeys(restA)) === JSON.stringify(sortedKeys(restB));
}

/** The part with this id, if the plan has one. */
export function partById(plan: Plan, id: string): Part | undefined {
  return plan.parts.find((part) => part.id === id);
}
