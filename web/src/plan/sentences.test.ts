import { describe, expect, it } from 'vitest';
import { planterPlan } from '../test/planFixtures';
import { colorName } from './colorNames';
import { addPart, removePart, withKind } from './edits';
import { canRedo, canUndo, record, redo, settle, startHistory, undo, undoLabel } from './history';
import { readPlan, samePlan, type Operation } from './model';
import { capitalized, operationSentence } from './sentences';
import { stepScenes } from './stepParts';

const say = (op: Operation) => operationSentence(planterPlan, op);

describe('operation sentences', () => {
  it.each<[Operation, string]>([
    [{ op: 'attach', part: 'strip', to: 'bottle', method: 'glue' }, 'glue the wooden strip to the plastic bottle'],
    [{ op: 'attach', part: 'strip', to: 'bottle', method: 'screw' }, 'screw the wooden strip to the plastic bottle'],
    [{ op: 'attach', part: 'strip', to: 'bottle', method: 'press' }, 'press the wooden strip onto the plastic bottle'],
    [{ op: 'attach', part: 'strip', to: 'strip', method: 'glue' }, 'glue the wooden strip together'],
    [{ op: 'paint', part: 'bottle', color: '#2e86c1' }, 'paint the plastic bottle #2e86c1 blue'],
    [{ op: 'stain', part: 'strip', color: '#6b3e1e' }, 'stain the wooden strip #6b3e1e brown'],
    [{ op: 'add', part: 'bottle' }, 'add the plastic bottle'],
    [{ op: 'remove', part: 'strip' }, 'remove the wooden strip'],
    [{ op: 'cut', part: 'bottle', keep: 'bottom', fraction: 0.5 }, 'cut the plastic bottle and keep the bottom half'],
    [{ op: 'cut', part: 'bottle', keep: 'top', fraction: 0.3 }, 'cut the plastic bottle and keep the top 30%'],
    [{ op: 'cut', part: 'bottle', keep: 'pieces', fraction: 0.5 }, 'cut the plastic bottle into pieces'],
    [{ op: 'cut', part: 'strip', keep: 'bottom', fraction: 0.5, shape: 'heart' }, 'cut a heart out of the wooden strip'],
    [{ op: 'fill', part: 'soil', container: 'bottle', level: 0.5 }, 'fill the plastic bottle halfway with the potting soil'],
    [{ op: 'fill', part: 'soil', container: 'bottle', level: 1 }, 'fill the plastic bottle to the top with the potting soil'],
    [{ op: 'drill', part: 'bottle', holes: 1 }, 'drill a hole in the plastic bottle'],
    [{ op: 'drill', part: 'bottle', holes: 4 }, 'drill 4 holes in the plastic bottle'],
    [{ op: 'wrap', part: 'strip', around: 'bottle' }, 'wrap the wooden strip around the plastic bottle'],
    [{ op: 'finish', part: 'strip', finish: 'sand' }, 'sand the wooden strip'],
    [{ op: 'fold', part: 'strip', folds: 1 }, 'fold the wooden strip in half'],
    [{ op: 'fold', part: 'strip', folds: 3 }, 'fold the wooden strip in half 3 times'],
    [{ op: 'bend', part: 'strip', shape: 'coil' }, 'coil the wooden strip'],
    [{ op: 'bend', part: 'strip', shape: 'loop' }, 'bend the wooden strip into a loop'],
    [{ op: 'sew', part: 'strip', to: 'strip' }, 'sew the wooden strip shut'],
    [{ op: 'stuff', part: 'soil', into: 'bottle' }, 'stuff the plastic bottle with the potting soil'],
    [{ op: 'add', part: 'lamp' }, 'add the lamp'],
  ])('%o reads “%s”', (op, sentence) => {
    expect(say(op)).toBe(sentence);
  });

  it('capitalizes for a list', () => {
    expect(capitalized(say({ op: 'attach', part: 'strip', to: 'bottle', method: 'tie' }))).toBe('Tie the wooden strip to the plastic bottle');
  });

  it.each([
    ['#2e86c1', 'blue'],
    ['#000000', 'black'],
    ['#ffffff', 'white'],
    ['#808080', 'grey'],
    ['#c0392b', 'red'],
    ['#27ae60', 'green'],
    ['#f1c40f', 'yellow'],
    ['#8e44ad', 'purple'],
    ['#6b3e1e', 'brown'],
    ['nope', ''],
  ])('names %s “%s”', (hex, name) => {
    expect(colorName(hex)).toBe(name);
  });
});

describe('step scenes', () => {
  it('brings a part into view with its first operation, marks it new, and keeps it until removed', () => {
    const plan = readPlan({
      ...planterPlan,
      steps: [...planterPlan.steps, { number: 5, title: 'Take the strip off', ops: [{ op: 'remove', part: 'strip' }] }],
    });
    const scenes = stepScenes(plan);
    const shown = (n: number) => scenes[n - 1]!.inView.map(({ part, isNew, changed }) => `${part.id}${isNew ? '+' : ''}${changed ? '*' : ''}`);
    expect(shown(1)).toEqual(['bottle+']);
    // Attached to the bottle: the strip is new, the bottle changed.
    expect(shown(2)).toEqual(['bottle*', 'strip+']);
    expect(shown(3)).toEqual(['bottle*', 'strip']);
    expect(shown(4)).toEqual(['bottle*', 'strip', 'soil+']);
    expect(shown(5)).toEqual(['bottle', 'soil']);
    expect(scenes[4]!.removed.map((part) => part.id)).toEqual(['strip']);
  });
});

describe('plan edits and history', () => {
  it('removes a part with the operations that name it, and grounds what sat on it', () => {
    const removal = removePart(planterPlan, 0);
    expect(removal.plan.parts.map((part) => part.id)).toEqual(['strip', 'soil']);
    expect(removal.operations).toBe(4);
    expect(removal.placements).toBe(1);
    expect(removal.plan.parts[1]!.placement).toEqual({ relation: 'in' });
  });

  it('gives a new part an id of its own', () => {
    const once = addPart(planterPlan, 'Wooden Strip!');
    expect(once.parts.at(-1)!.id).toBe('wooden-strip');
    expect(addPart(once, 'wooden strip').parts.at(-1)!.id).toBe('wooden-strip-2');
  });

  it('turns an operation into another kind, keeping its parts', () => {
    const attach: Operation = { op: 'attach', part: 'strip', to: 'bottle', method: 'glue' };
    expect(withKind(planterPlan, attach, 'wrap')).toEqual({ op: 'wrap', part: 'strip', around: 'bottle' });
    expect(withKind(planterPlan, attach, 'paint')).toEqual({ op: 'paint', part: 'strip', color: '#b5895a' });
  });

  it('compares plans by meaning: defaults and the framing do not count', () => {
    const { framing: _framing, ...unframed } = planterPlan;
    expect(samePlan(planterPlan, readPlan(unframed))).toBe(true);
    expect(samePlan(planterPlan, readPlan({ ...planterPlan, title: 'Other' }))).toBe(false);
  });

  it('keeps the tools in the plan’s order (the icons are drawn in it)', () => {
    const plan = readPlan({ ...planterPlan, steps: [{ number: 1, title: 'Glue', ops: [], tools: ['glue', 'brush', 'screwdriver', 'laser'] }] });
    expect(plan.steps[0]!.tools).toEqual(['glue', 'brush', 'screwdriver']);
  });

  it('undoes typing into one field as one edit, and redoes it', () => {
    let history = startHistory(planterPlan);
    for (const name of ['w', 'wo', 'woo']) {
      history = record(history, { plan: { ...history.present, title: name }, label: `title ${name}`, key: 'title' });
    }
    history = settle(history);
    history = record(history, { plan: { ...history.present, title: 'wood' }, label: 'title wood', key: 'title' });
    expect(history.past).toHaveLength(2);
    expect(undoLabel(history)).toBe('title wood');
    history = undo(history);
    expect(history.present.title).toBe('woo');
    history = undo(history);
    expect(history.present).toBe(planterPlan);
    expect(canUndo(history)).toBe(false);
    history = redo(redo(history));
    expect(history.present.title).toBe('wood');
    expect(canRedo(history)).toBe(false);
  });
});
