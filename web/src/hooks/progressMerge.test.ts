import { describe, expect, it } from 'vitest';
import { buildStepViews } from '../components/storyboard/stepViews';
import { progressOf, step, steps } from '../test/fixtures';
import type { GuideProgress, PartialEvent } from '../api/types';
import {
  applyChange,
  changeFromEvent,
  mergeGuideStatus,
  mergePartial,
  mergePlan,
  mergeStep,
  partialEventFrom,
  planEventFrom,
  stepFromEventData,
  understandingFrom,
  withPartialsKept,
} from './progressMerge';

describe('stepFromEventData', () => {
  it('keeps a step event’s preview, prompt, references and usage', () => {
    const data = {
      step_number: 3,
      image_id: null,
      image_url: null,
      status: 'generating',
      generated_at: null,
      attempts: 1,
      prompt_used: 'A photo of the jar, half full of soil.',
      preview_id: 'pv-3.webp',
      references: [
        { kind: 'schematic', image_id: 'pv-3.webp' },
        { kind: 'concept', image_id: null, image_url: null },
      ],
      usage: { model: 'gemini-3.1-flash-image', images: 1, latency_ms: 4012, input_tokens: 600, output_tokens: 1120, total_tokens: 1720, cost_usd: 0.067 },
    };
    expect(stepFromEventData(data)).toEqual({
      step_number: 3,
      image_id: null,
      image_url: null,
      status: 'generating',
      generated_at: null,
      attempts: 1,
      prompt_used: 'A photo of the jar, half full of soil.',
      preview_id: 'pv-3.webp',
      references: [
        { kind: 'schematic', image_id: 'pv-3.webp', image_url: null },
        { kind: 'concept', image_id: null, image_url: null },
      ],
      usage: data.usage,
    });
  });

  it('reads the stored step record too (number, ids without URLs, usage without images)', () => {
    const record = {
      guide_id: 'g1',
      number: 2,
      status: 'completed',
      image_id: 'photo-2.png',
      generated_at: 1_700_000_002,
      error: null,
      attempts: 1,
      prompt_used: null,
      preview_id: 'pv-2.png',
      references: [{ kind: 'anchor', image_id: 'photo-4.png' }],
      usage: { model: 'gemini-3.1-flash-image', latency_ms: 3900, input_tokens: 600, output_tokens: 1120, total_tokens: 1720, cost_usd: 0.067 },
    };
    const parsed = stepFromEventData(record);
    expect(parsed).toEqual(
      expect.objectContaining({
        step_number: 2,
        image_id: 'photo-2.png',
        image_url: null,
        status: 'completed',
        preview_id: 'pv-2.png',
        references: [{ kind: 'anchor', image_id: 'photo-4.png', image_url: null }],
        usage: expect.objectContaining({ model: 'gemini-3.1-flash-image', cost_usd: 0.067 }),
      }),
    );
    expect(parsed).not.toHaveProperty('prompt_used');
    expect(parsed).not.toHaveProperty('error');
  });

  it('refuses what is not a step', () => {
    expect(stepFromEventData(null)).toBeNull();
    expect(stepFromEventData({ status: 'completed' })).toBeNull();
    expect(stepFromEventData({ step_number: 1, status: 'exploded' })).toBeNull();
    expect(stepFromEventData([1, 2])).toBeNull();
  });
});

describe('merging step events with previews', () => {
  it('puts the preview in place, and the views load it (and the references) through the API base', () => {
    const before = progressOf('generating', steps(3, () => 'pending'));
    const event = stepFromEventData({ step_number: 2, image_id: null, status: 'pending', attempts: 0, preview_id: 'pv-2.webp' });
    const after = applyChange(before, { kind: 'step', step: event! });
    expect(after.step_images[1]).toEqual(expect.objectContaining({ preview_id: 'pv-2.webp', status: 'pending' }));
    expect(after.step_images).toHaveLength(3);

    const views = buildStepViews(after, null, '/api');
    expect(views[1]).toEqual(expect.objectContaining({ preview: '/api/images/pv-2.webp', photo: null }));
    expect(views[0]).toEqual(expect.objectContaining({ preview: null, photo: null }));
  });

  it('takes the photo from a later event, keeping the preview it still names', () => {
    let progress = progressOf('generating', [step(1, 'pending', { preview_id: 'pv-1' })]);
    progress = mergeStep(progress, step(1, 'completed', { preview_id: 'pv-1', references: [{ kind: 'schematic', image_id: 'pv-1' }] }));
    expect(progress.completed_steps).toBe(1);
    const [view] = buildStepViews(progress, null, '/api');
    expect(view).toEqual(expect.objectContaining({ photo: '/api/images/img-1', preview: '/api/images/pv-1' }));
    expect(view?.image.references).toEqual([{ kind: 'schematic', image_id: 'pv-1' }]);
  });

  it('prefers the id to the server’s URL, and uses the URL when there is no id', () => {
    const progress = progressOf('generating', [step(1, 'pending', { preview_id: null, preview_url: 'http://0.0.0.0:8080/images/pv-1' })]);
    expect(buildStepViews(progress, null, '/api')[0]?.preview).toBe('http://0.0.0.0:8080/images/pv-1');
    const withId = progressOf('generating', [step(1, 'pending', { preview_id: 'pv-1', preview_url: 'http://0.0.0.0:8080/images/pv-1' })]);
    expect(buildStepViews(withId, null, '/api')[0]?.preview).toBe('/api/images/pv-1');
  });
});

describe('merging the plan’s understanding', () => {
  const understanding = {
    confidence: 0.4,
    understood: [{ text: 'glue', meaning: 'attach with glue' }],
    unresolved: [{ text: 'blade', reason: 'unknown noun, not drawn' }],
  };

  it('keeps a step event’s understanding, in the step JSON and in the stored record', () => {
    const fromJson = stepFromEventData({ step_number: 2, status: 'pending', image_id: null, attempts: 0, understanding });
    expect(fromJson?.understanding).toEqual(understanding);
    const fromRecord = stepFromEventData({ guide_id: 'g1', number: 5, status: 'completed', image_id: 'photo-5.png', understanding: { confidence: 0, understood: [], unresolved: [], materials_only: true } });
    expect(fromRecord?.understanding).toEqual({ confidence: 0, understood: [], unresolved: [], materials_only: true });
  });

  it('reads only the understanding’s known shape: confidence within 0..1, words with text', () => {
    expect(
      understandingFrom({
        confidence: 1.7,
        understood: [{ text: 'glue', meaning: 'attach with glue' }, { meaning: 'no text' }, 'glue', { text: '  ' }],
        unresolved: [{ text: 'blade' }, { text: 42, reason: 'not a word' }],
        materials_only: 'yes',
      }),
    ).toEqual({ confidence: 1, understood: [{ text: 'glue', meaning: 'attach with glue' }], unresolved: [{ text: 'blade', reason: '' }] });
    expect(understandingFrom({ confidence: -0.2 })).toEqual({ confidence: 0, understood: [], unresolved: [] });
    // No confidence: nothing to show, unless it is a materials list.
    expect(understandingFrom({ understood: [], unresolved: [] })).toBeUndefined();
    expect(understandingFrom({ confidence: Number.NaN })).toBeUndefined();
    expect(understandingFrom({ materials_only: true })).toEqual({ confidence: 0, understood: [], unresolved: [], materials_only: true });
    expect(understandingFrom(null)).toBeUndefined();
    expect(stepFromEventData({ step_number: 1, status: 'pending', understanding: null })).not.toHaveProperty('understanding');
  });

  it('keeps a step’s understanding when a later event for it has none (a redraw)', () => {
    let progress = progressOf('generating', [step(1, 'completed', { understanding }), step(2, 'pending')]);
    const redraw = stepFromEventData({ guide_id: 'g1', number: 1, status: 'generating', image_id: null, attempts: 2 });
    progress = applyChange(progress, { kind: 'step', step: redraw! });
    expect(progress.step_images[0]).toEqual(expect.objectContaining({ status: 'generating', attempts: 2, understanding }));
    expect(progress.step_images[1]).not.toHaveProperty('understanding');

    const newer = { ...understanding, confidence: 0.9, unresolved: [] };
    progress = mergeStep(progress, step(1, 'completed', { understanding: newer }));
    expect(progress.step_images[0]?.understanding).toEqual(newer);
  });

  it('keeps the plan’s confidence through step and guide events', () => {
    let progress = progressOf('generating', steps(2, () => 'pending'), { plan_confidence: 0.72 });
    progress = applyChange(progress, { kind: 'step', step: step(1, 'completed', { understanding }) });
    progress = applyChange(progress, { kind: 'guide', guide: { status: 'generating', total_steps: 2 } });
    progress = mergeGuideStatus(progress, { status: 'completed', completed_at: 1_700_000_200 });
    expect(progress.plan_confidence).toBe(0.72);
    expect(progress.status).toBe('completed');
    expect(progress.step_images[0]?.understanding).toEqual(understanding);
  });
});

describe('plan events', () => {
  const geminiPlan = { version: 1, plan_source: 'gemini:gemini-3.8-flash', plan_repairs: 0, created_at: 1733500000.0 };
  const planning = () => progressOf('generating', steps(3, () => 'pending'), { phase: 'planning' });

  it('reads a plan event: who wrote the plan, the repairs and the version', () => {
    expect(changeFromEvent('plan', JSON.stringify(geminiPlan))).toEqual({ kind: 'plan', plan: geminiPlan });
    expect(planEventFrom({ plan_source: 'offline (fallback: the model timed out)', plan_repairs: 2 })).toEqual({
      plan_source: 'offline (fallback: the model timed out)',
      plan_repairs: 2,
    });
    // Repairs that are not a count read as none.
    expect(planEventFrom({ plan_source: 'gemini:m', plan_repairs: 'twice' })).toEqual({ plan_source: 'gemini:m', plan_repairs: 0 });
    expect(planEventFrom({ version: 1, plan_repairs: 0 })).toBeNull();
    expect(planEventFrom({ plan_source: '  ' })).toBeNull();
    expect(planEventFrom([geminiPlan])).toBeNull();
  });

  it('sets the plan’s source, repairs and version, and the guide goes on to drawing', () => {
    const after = applyChange(planning(), changeFromEvent('plan', JSON.stringify({ ...geminiPlan, plan_repairs: 1 }))!);
    expect(after).toEqual(
      expect.objectContaining({ phase: 'drawing', plan_source: 'gemini:gemini-3.8-flash', plan_repairs: 1, plan_version: 1, status: 'generating' }),
    );
    expect(after.step_images).toHaveLength(3);
    // Step and guide events that follow keep it.
    let later = applyChange(after, { kind: 'step', step: step(1, 'completed') });
    later = applyChange(later, { kind: 'guide', guide: { status: 'generating', total_steps: 3 } });
    expect(later).toEqual(expect.objectContaining({ phase: 'drawing', plan_source: 'gemini:gemini-3.8-flash', plan_repairs: 1, plan_version: 1 }));
    expect(later.completed_steps).toBe(1);
  });

  it('drops the plan confidence and the steps’ understanding for a model’s plan, and keeps them for the offline reader’s', () => {
    const understanding = { confidence: 0.4, understood: [], unresolved: [] };
    const before = progressOf('generating', [step(1, 'pending', { understanding }), step(2, 'pending')], { plan_confidence: 0.4, phase: 'planning' });
    const model = mergePlan(before, geminiPlan);
    expect(model).not.toHaveProperty('plan_confidence');
    expect(model.step_images[0]).not.toHaveProperty('understanding');

    const fallback = mergePlan(before, { version: 1, plan_source: 'offline (fallback: the model timed out)', plan_repairs: 0 });
    expect(fallback.plan_confidence).toBe(0.4);
    expect(fallback.step_images[0]?.understanding).toEqual(understanding);
    expect(fallback.phase).toBe('drawing');
  });

  it('ignores a plan older than the one known (a replay), and sets no phase on a finished guide', () => {
    const current = mergePlan(planning(), { version: 2, plan_source: 'gemini:gemini-3.8-flash', plan_repairs: 1 });
    expect(mergePlan(current, { version: 1, plan_source: 'offline', plan_repairs: 0 })).toBe(current);
    const finished = mergePlan(progressOf('cancelled', steps(2, () => 'pending'), { phase: 'planning' }), geminiPlan);
    expect(finished).not.toHaveProperty('phase');
    expect(finished.plan_source).toBe('gemini:gemini-3.8-flash');
  });

  it('keeps the phase through guide events while generating only (as the server sends it)', () => {
    expect(mergeGuideStatus(planning(), { status: 'generating' }).phase).toBe('planning');
    expect(mergeGuideStatus(planning(), { status: 'failed', error: 'the model and the fallback failed' })).not.toHaveProperty('phase');
    expect(mergeGuideStatus(planning(), { status: 'cancelled' })).not.toHaveProperty('phase');
  });

  it('plan first: a guide that has not started waits for review once planned, and draws once it is generating', () => {
    const waiting = progressOf('not_started', steps(3, () => 'pending'), { phase: 'planning', started_at: null });
    const planned = mergePlan(waiting, geminiPlan);
    expect(planned.phase).toBe('review');
    // A plan saved during the review keeps it waiting.
    expect(mergePlan(planned, { version: 2, plan_source: 'edited', plan_repairs: 0 }).phase).toBe('review');
    expect(mergeGuideStatus(planned, { status: 'not_started' }).phase).toBe('review');
    expect(mergeGuideStatus(planned, { status: 'generating', started_at: 1_700_000_001 }).phase).toBe('drawing');
    expect(mergeGuideStatus(planned, { status: 'cancelled' })).not.toHaveProperty('phase');
  });
});

describe('changeFromEvent', () => {
  it('reads step and guide events as before', () => {
    expect(changeFromEvent('step', JSON.stringify(step(2, 'completed')))).toEqual({ kind: 'step', step: step(2, 'completed') });
    expect(changeFromEvent('guide', JSON.stringify({ status: 'completed' }))).toEqual({ kind: 'guide', guide: { status: 'completed' } });
  });

  it('ignores other kinds, bad JSON and data that is not what the kind says', () => {
    expect(changeFromEvent('created', JSON.stringify({ status: 'generating', plan_source: 'offline' }))).toBeNull();
    expect(changeFromEvent('usage', JSON.stringify({ cost_usd: 0.067 }))).toBeNull();
    expect(changeFromEvent('plan', '{not json')).toBeNull();
    expect(changeFromEvent('plan', JSON.stringify({ status: 'generating' }))).toBeNull();
    expect(changeFromEvent('guide', JSON.stringify({ plan_source: 'offline' }))).toBeNull();
    expect(changeFromEvent('guide', 'null')).toBeNull();
    expect(changeFromEvent('step', JSON.stringify({ step_number: 1, status: 'exploded' }))).toBeNull();
  });
});

describe('partial images', () => {
  const partial = (stepNumber: number, index: number, extra: Partial<PartialEvent> = {}): PartialEvent => ({
    step_number: stepNumber,
    index,
    image_id: `part-${stepNumber}-${index}`,
    image_url: `http://0.0.0.0:8080/images/part-${stepNumber}-${index}`,
    ...extra,
  });
  const drawing = () => progressOf('generating', [step(1, 'completed'), step(2, 'generating', { preview_id: 'pv-2' }), step(3, 'pending')]);
  const held = (progress: GuideProgress, stepNumber = 2) => progress.step_images.find((s) => s.step_number === stepNumber)?.partial;
  const viewOf = (progress: GuideProgress, stepNumber = 2) => buildStepViews(progress, null, '/api')[stepNumber - 1];

  it('reads a partial event: the step, the 0-based index and the image', () => {
    const data = { step_number: 2, index: 0, image_id: 'part-a', image_url: 'http://0.0.0.0:8080/images/part-a' };
    expect(changeFromEvent('partial', JSON.stringify(data))).toEqual({ kind: 'partial', partial: data });
    expect(partialEventFrom({ step_number: 2, index: 1, image_url: '/images/part-b' })).toEqual({
      step_number: 2,
      index: 1,
      image_id: null,
      image_url: '/images/part-b',
    });
    expect(partialEventFrom({ step_number: 2, index: -1, image_id: 'x' })).toBeNull();
    expect(partialEventFrom({ step_number: 2, index: 0.5, image_id: 'x' })).toBeNull();
    expect(partialEventFrom({ step_number: 2, index: '1', image_id: 'x' })).toBeNull();
    expect(partialEventFrom({ index: 0, image_id: 'x' })).toBeNull();
    expect(partialEventFrom({ step_number: 2, index: 0, image_id: '' })).toBeNull();
    expect(changeFromEvent('partial', '{not json')).toBeNull();
  });

  it('keeps the latest partial of a step being drawn, in order, and the view loads it through the API base', () => {
    let progress = applyChange(drawing(), { kind: 'partial', partial: partial(2, 0) });
    expect(held(progress)).toEqual({ index: 0, image_id: 'part-2-0', image_url: 'http://0.0.0.0:8080/images/part-2-0' });
    progress = mergePartial(progress, partial(2, 1));
    expect(held(progress)?.index).toBe(1);
    expect(viewOf(progress)?.partial).toEqual({ index: 1, url: '/api/images/part-2-1' });
    // The other steps have none.
    expect(viewOf(progress, 1)?.partial).toBeNull();
    expect(viewOf(progress, 3)?.partial).toBeNull();
    expect(progress.completed_steps).toBe(1);
    // Without an id, the server's URL.
    const byUrl = mergePartial(drawing(), partial(2, 0, { image_id: null }));
    expect(viewOf(byUrl)?.partial).toEqual({ index: 0, url: 'http://0.0.0.0:8080/images/part-2-0' });
  });

  it('ignores a partial older than the one held', () => {
    const latest = mergePartial(mergePartial(drawing(), partial(2, 0)), partial(2, 2));
    expect(mergePartial(latest, partial(2, 1))).toBe(latest);
    expect(mergePartial(latest, partial(2, 0))).toBe(latest);
    expect(held(latest)?.index).toBe(2);
  });

  it('ignores partials for steps not being drawn: done already (a replay), not started, unknown', () => {
    const progress = drawing();
    expect(mergePartial(progress, partial(1, 0))).toBe(progress);
    expect(mergePartial(progress, partial(3, 0))).toBe(progress);
    expect(mergePartial(progress, partial(9, 0))).toBe(progress);
  });

  it('keeps the partial through the same attempt’s events, and drops it when the step completes', () => {
    let progress = mergePartial(drawing(), partial(2, 1));
    // The same state again (a replay, or a step event with more detail).
    progress = mergeStep(progress, step(2, 'generating', { preview_id: 'pv-2', prompt_used: 'A photo.' }));
    expect(held(progress)?.index).toBe(1);

    progress = mergeStep(progress, step(2, 'completed', { preview_id: 'pv-2' }));
    expect(held(progress)).toBeUndefined();
    expect(viewOf(progress)).toEqual(expect.objectContaining({ photo: '/api/images/img-2', partial: null }));
    // A partial replayed after the step completed changes nothing.
    expect(mergePartial(progress, partial(2, 2))).toBe(progress);
  });

  it('drops the partial when the step fails, is cancelled back to pending, or is drawn again', () => {
    const withPartial = mergePartial(drawing(), partial(2, 1));
    expect(held(mergeStep(withPartial, step(2, 'failed', { error: 'timed out' })))).toBeUndefined();
    expect(held(mergeStep(withPartial, step(2, 'pending', { attempts: 1 })))).toBeUndefined();
    // Regenerated or retried: a new attempt, whose partials start again at 0.
    const redrawn = mergeStep(withPartial, step(2, 'generating', { attempts: 2 }));
    expect(held(redrawn)).toBeUndefined();
    expect(held(mergePartial(redrawn, partial(2, 0)))?.index).toBe(0);
  });

  it('shows no partial for a step the guide stopped before', () => {
    const progress = mergePartial(drawing(), partial(2, 1));
    const stopped = mergeGuideStatus(progress, { status: 'cancelled' });
    expect(viewOf(stopped)).toEqual(expect.objectContaining({ status: 'skipped', partial: null }));
  });

  it('keeps the partials through a full read that still finds the steps drawn in the same attempt', () => {
    const previous = mergePartial(drawing(), partial(2, 1));
    const sameAttempt = drawing();
    const kept = withPartialsKept(previous, sameAttempt);
    expect(held(kept)?.index).toBe(1);
    // The read's own (a partial that arrived while it was in flight) wins when it is newer.
    const newer = mergePartial(drawing(), partial(2, 2));
    expect(withPartialsKept(previous, newer)).toBe(newer);

    const completed = progressOf('generating', [step(1, 'completed'), step(2, 'completed'), step(3, 'pending')]);
    expect(withPartialsKept(previous, completed)).toBe(completed);
    const redrawn = progressOf('generating', [step(1, 'completed'), step(2, 'generating', { attempts: 2 }), step(3, 'pending')]);
    expect(held(withPartialsKept(previous, redrawn))).toBeUndefined();
    expect(withPartialsKept(null, sameAttempt)).toBe(sameAttempt);
  });
});
