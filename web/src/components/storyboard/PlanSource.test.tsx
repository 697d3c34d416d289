import { render, screen, within } from '@testing-library/react';
import axe from 'axe-core';
import { describe, expect, it, vi } from 'vitest';
import { isModelPlan, isOfflinePlan, parsePlanSource } from '../../api/planSource';
import type { GuideProgress } from '../../api/types';
import { birdhouseGuide, progressOf, step, steps } from '../../test/fixtures';
import { PLANNING_TEXT, planSourceText } from './planSourceText';
import { Storyboard } from './Storyboard';

const REASON = 'the model answered 429 Too Many Requests three times (quota exhausted for gemini-3.8-flash); the offline reader wrote the plan instead.';

function generating(extra: Partial<GuideProgress>): GuideProgress {
  return progressOf('generating', steps(4, () => 'pending'), extra);
}

describe('parsePlanSource', () => {
  it('tells the offline reader, its fallback, a model, the request and others apart', () => {
    expect(parsePlanSource('offline')).toEqual({ kind: 'offline' });
    expect(parsePlanSource(`offline (fallback: ${REASON})`)).toEqual({ kind: 'fallback', reason: REASON });
    expect(parsePlanSource('offline (fallback)')).toEqual({ kind: 'fallback', reason: '' });
    expect(parsePlanSource('gemini:gemini-3.8-flash')).toEqual({ kind: 'model', provider: 'gemini', model: 'gemini-3.8-flash' });
    expect(parsePlanSource('openai:gpt-5.2-mini')).toEqual({ kind: 'model', provider: 'openai', model: 'gpt-5.2-mini' });
    expect(parsePlanSource('request')).toEqual({ kind: 'request' });
    expect(parsePlanSource('crystal ball')).toEqual({ kind: 'other', source: 'crystal ball' });
    expect(isModelPlan('gemini:gemini-3.8-flash')).toBe(true);
    expect(isModelPlan('offline (fallback: the model timed out)')).toBe(false);
    expect(isModelPlan(undefined)).toBe(false);
    expect(isOfflinePlan('offline (fallback: the model timed out)')).toBe(true);
    expect(isOfflinePlan('request')).toBe(false);
  });
});

describe('planSourceText', () => {
  it('says a language model is writing the plan while the guide is planning', () => {
    expect(planSourceText(generating({ phase: 'planning' }))).toBe('A language model is writing the plan…');
    expect(PLANNING_TEXT).toBe('A language model is writing the plan…');
  });

  it('names the model and its provider, with the repairs when there were some', () => {
    expect(planSourceText(generating({ phase: 'drawing', plan_source: 'gemini:gemini-3.8-flash', plan_repairs: 0 }))).toBe(
      'Plan by gemini-3.8-flash (Gemini)',
    );
    expect(planSourceText(generating({ phase: 'drawing', plan_source: 'gemini:gemini-3.8-flash', plan_repairs: 1 }))).toBe(
      'Plan by gemini-3.8-flash (Gemini), after 1 repair',
    );
    expect(planSourceText(progressOf('completed', [], { plan_source: 'openai:gpt-5.2-mini', plan_repairs: 2 }))).toBe(
      'Plan by gpt-5.2-mini (OpenAI), after 2 repairs',
    );
    expect(planSourceText(generating({ plan_source: 'mistral:large-3' }))).toBe('Plan by large-3 (mistral)');
    expect(planSourceText(generating({ plan_source: 'gemini:' }))).toBe('Plan by Gemini');
  });

  it('names the offline reader, and says why when it stood in for the model (the reason in full)', () => {
    expect(planSourceText(generating({ plan_source: 'offline', plan_repairs: 0 }))).toBe('Plan by the offline reader');
    expect(planSourceText(generating({ plan_source: `offline (fallback: ${REASON})`, plan_repairs: 2 }))).toBe(
      `Plan by the offline reader — the language model failed: ${REASON}`,
    );
    expect(planSourceText(generating({ plan_source: 'offline (fallback)' }))).toBe('Plan by the offline reader — the language model failed');
  });

  it('says when the plan came with the request, and shows an unknown source as it is', () => {
    expect(planSourceText(generating({ plan_source: 'request', plan_repairs: 0 }))).toBe('Plan given with the request');
    expect(planSourceText(generating({ plan_source: 'crystal ball' }))).toBe('Plan by crystal ball');
  });

  it('says nothing where the server does not (older servers), nor "planning" once the guide is over', () => {
    expect(planSourceText(generating({}))).toBeNull();
    expect(planSourceText(generating({ phase: 'drawing' }))).toBeNull();
    expect(planSourceText(progressOf('cancelled', steps(2, () => 'pending'), { phase: 'planning' }))).toBeNull();
    // The source wins over a stale phase.
    expect(planSourceText(generating({ phase: 'planning', plan_source: 'offline' }))).toBe('Plan by the offline reader');
  });
});

function renderStoryboard(progress: GuideProgress) {
  const props = { guideId: 'g1', apiUrl: '/api', guide: birdhouseGuide, onRegenerate: vi.fn(async () => undefined), onCancel: vi.fn(async () => undefined) };
  const view = render(<Storyboard {...props} progress={progress} />);
  return { ...view, update: (next: GuideProgress) => view.rerender(<Storyboard {...props} progress={next} />) };
}

const statusLine = (text: string | RegExp) => screen.getAllByRole('status').find((element) => element.textContent?.match(text));

describe('PlanSource in the storyboard', () => {
  it('says the plan is being written in a polite live region, then who wrote it in the same one', () => {
    const { update } = renderStoryboard(generating({ phase: 'planning' }));
    const line = statusLine(PLANNING_TEXT);
    expect(line).toBeDefined();
    expect(line).toHaveAttribute('aria-live', 'polite');
    expect(line).toHaveClass('plan-source', 'plan-source--planning');
    expect(screen.getByText('Waiting for the plan: drawing starts once it is written.')).toBeInTheDocument();

    update(generating({ phase: 'drawing', plan_source: 'gemini:gemini-3.8-flash', plan_repairs: 1, plan_version: 1 }));
    // The same element, so its new text is announced.
    expect(line).toHaveTextContent('Plan by gemini-3.8-flash (Gemini), after 1 repair');
    expect(line).not.toHaveClass('plan-source--planning');
    expect(screen.queryByText(PLANNING_TEXT)).toBeNull();
    expect(screen.queryByText(/Waiting for the plan/)).toBeNull();
  });

  it('shows no confidence badge for a model’s plan, even if a figure came with it', () => {
    renderStoryboard(generating({ phase: 'drawing', plan_source: 'gemini:gemini-3.8-flash', plan_repairs: 0, plan_confidence: 0.4 }));
    expect(screen.getByText('Plan by gemini-3.8-flash (Gemini)')).toBeInTheDocument();
    expect(screen.queryByText(/Plan confidence/)).toBeNull();
  });

  it('keeps the confidence badge for the offline reader’s plan, and gives the fallback’s reason in full', () => {
    const understanding = { confidence: 0.3, understood: [], unresolved: [{ text: 'roof', reason: 'unknown noun, not drawn' }] };
    renderStoryboard(
      progressOf('generating', [step(1, 'completed', { understanding }), step(2, 'pending')], {
        phase: 'drawing',
        plan_source: `offline (fallback: ${REASON})`,
        plan_repairs: 0,
        plan_confidence: 0.45,
      }),
    );
    const line = screen.getByText(`Plan by the offline reader — the language model failed: ${REASON}`);
    expect(line).toHaveClass('plan-source--fallback');
    expect(screen.getByText('Plan confidence 45%').closest('.confidence')).toHaveTextContent('Plan confidence 45% · Low');
    expect(screen.getByText('Steps marked “check this step” may be drawn wrong: step 1.')).toBeInTheDocument();
  });

  it('shows nothing about the plan for an older server', () => {
    const { container } = renderStoryboard(generating({}));
    expect(container.querySelector('.plan-source')).toBeNull();
  });

  it('has no serious accessibility problems while planning (axe, without colour contrast)', async () => {
    const { container } = renderStoryboard(generating({ phase: 'planning' }));
    expect(within(container).getByText(PLANNING_TEXT)).toBeInTheDocument();
    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    const serious = result.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    expect(serious.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
  });
});
