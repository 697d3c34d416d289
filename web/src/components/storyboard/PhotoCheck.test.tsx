import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { describe, expect, it, vi } from 'vitest';
import type { GuideProgress, StepCheck, StepImage, StepStatus } from '../../api/types';
import { changeFromEvent, checkFrom, mergeStep } from '../../hooks/progressMerge';
import { birdhouseGuide, progressOf, step } from '../../test/fixtures';
import { PhotoCheckBadge } from './PhotoCheckBadge';
import { CHECK_PASSED, photoCheckOutcome, photoCheckText } from './photoCheck';
import { Storyboard } from './Storyboard';

const passed: StepCheck = {
  verdict: 'pass',
  seen: ['glass jar', 'potting soil'],
  missing: [],
  unexpected: [],
  redraws: 0,
  model: 'gemini-3.8-flash',
  cost_usd: 0.0012,
};

const redrawn: StepCheck = {
  ...passed,
  redraws: 1,
  first_findings: 'the potting soil was not in view; the lid appeared before it is fitted',
  cost_usd: 0.0024,
};

const failed: StepCheck = {
  verdict: 'fail',
  seen: ['glass jar'],
  missing: ['potting soil', 'pebbles'],
  unexpected: ['lid'],
  redraws: 1,
  first_findings: 'the potting soil was not in view',
  model: 'gemini-3.8-flash',
  cost_usd: 0.0024,
};

describe('photoCheckText', () => {
  it.each<[string, StepCheck, string]>([
    ['a pass at once', passed, 'Checked: every part in view, nothing early'],
    ['a pass after one redraw', redrawn, 'Checked after one redraw: the potting soil was not in view; the lid appeared before it is fitted'],
    ['a pass after one redraw, findings not given', { ...passed, redraws: 1 }, 'Checked after one redraw'],
    ['a fail', failed, 'Check found a problem: missing potting soil, pebbles; shown too early: lid'],
    ['a fail, parts missing only', { ...failed, unexpected: [] }, 'Check found a problem: missing potting soil, pebbles'],
    ['a fail, parts early only', { ...failed, missing: [] }, 'Check found a problem: shown too early: lid'],
    ['a fail naming no part', { ...failed, missing: [], unexpected: [] }, 'Check found a problem'],
    ['a fail with no redraw', { ...failed, redraws: 0 }, 'Check found a problem: missing potting soil, pebbles; shown too early: lid'],
  ])('says %s in words', (_, check, text) => {
    expect(photoCheckText(check)).toBe(text);
  });

  it('names the outcome', () => {
    expect([passed, redrawn, failed].map(photoCheckOutcome)).toEqual(['pass', 'redrawn', 'fail']);
    expect(CHECK_PASSED).toBe(photoCheckText(passed));
  });
});

describe('checkFrom', () => {
  it('keeps a check in its known shape', () => {
    expect(checkFrom({ ...failed })).toEqual(failed);
    expect(checkFrom({ verdict: 'pass', seen: ['jar'], missing: [], unexpected: [], redraws: 0 })).toEqual({
      verdict: 'pass',
      seen: ['jar'],
      missing: [],
      unexpected: [],
      redraws: 0,
    });
  });

  it('drops what is not a check, and what is not what it says', () => {
    expect(checkFrom(undefined)).toBeUndefined();
    expect(checkFrom(null)).toBeUndefined();
    expect(checkFrom({ verdict: 'maybe', seen: [] })).toBeUndefined();
    expect(
      checkFrom({ verdict: 'fail', seen: 'jar', missing: ['soil', '', 3, '  '], redraws: -1, first_findings: ' ', model: 7, cost_usd: 'cheap' }),
    ).toEqual({ verdict: 'fail', seen: [], missing: ['soil'], unexpected: [], redraws: 0 });
  });

  it('is read from step events, and a new state of the step brings its own', () => {
    const change = changeFromEvent('step', JSON.stringify(step(1, 'completed', { check: redrawn })));
    expect(change).toEqual({ kind: 'step', step: expect.objectContaining({ check: redrawn }) });
    const before = progressOf('generating', [step(1, 'completed', { check: redrawn })]);
    const after = mergeStep(before, step(1, 'generating'));
    expect(after.step_images[0]).not.toHaveProperty('check');
  });
});

describe('PhotoCheckBadge', () => {
  it.each<[StepCheck, string]>([
    [passed, 'pass'],
    [redrawn, 'redrawn'],
    [failed, 'fail'],
  ])('says the outcome in words, with an icon that is decoration', (check, outcome) => {
    const { container } = render(<PhotoCheckBadge check={check} />);
    const badge = container.querySelector('.photo-check');
    expect(badge).toHaveTextContent(`Photo check · ${photoCheckText(check)}`);
    expect(badge).toHaveClass(`photo-check--${outcome}`);
    expect(badge?.querySelector('svg')).toHaveAttribute('aria-hidden', 'true');
  });

  it('gives each outcome an icon of its own shape', () => {
    const icons = [passed, redrawn, failed].map((check) => {
      const { container, unmount } = render(<PhotoCheckBadge check={check} />);
      const markup = container.querySelector('svg')?.innerHTML;
      unmount();
      return markup;
    });
    expect(new Set(icons).size).toBe(3);
  });
});

describe('Storyboard: the photo check', () => {
  function cloudStep(n: number, status: StepStatus, extra: Partial<StepImage> = {}): StepImage {
    return step(n, status, {
      preview_id: `pv-${n}`,
      prompt_used: `A photo of step ${n}.`,
      usage: { model: 'gemini-3.1-flash-image', images: 1, latency_ms: 4000, input_tokens: 600, output_tokens: 1120, total_tokens: 1720, cost_usd: 0.068 },
      ...extra,
    });
  }

  function renderStoryboard(progress: GuideProgress) {
    const props = { guideId: 'g1', apiUrl: '/api', guide: birdhouseGuide, onRegenerate: vi.fn(async () => undefined), onCancel: vi.fn(async () => undefined) };
    const view = render(<Storyboard {...props} progress={progress} />);
    return { ...view, update: (next: GuideProgress) => view.rerender(<Storyboard {...props} progress={next} />) };
  }

  const panel = () => screen.getByRole('tabpanel');
  const checkBadge = () => panel().querySelector('.photo-check');

  const checkedGuide = () =>
    progressOf('completed', [
      cloudStep(1, 'completed', { check: passed }),
      cloudStep(2, 'completed', { check: redrawn }),
      cloudStep(3, 'completed', { check: failed }),
      cloudStep(4, 'completed'),
    ]);

  it('shows each step’s check beside its photo, in words', async () => {
    const user = userEvent.setup();
    renderStoryboard(checkedGuide());
    expect(checkBadge()).toHaveTextContent('Photo check · Checked: every part in view, nothing early');

    await user.click(screen.getByRole('tab', { name: 'Step 2, ready' }));
    expect(checkBadge()).toHaveTextContent(
      'Photo check · Checked after one redraw: the potting soil was not in view; the lid appeared before it is fitted',
    );

    await user.click(screen.getByRole('tab', { name: 'Step 3, ready' }));
    expect(checkBadge()).toHaveTextContent('Photo check · Check found a problem: missing potting soil, pebbles; shown too early: lid');

    // Not checked (verify off): nothing is said about a check.
    await user.click(screen.getByRole('tab', { name: 'Step 4, ready' }));
    expect(checkBadge()).toBeNull();
    expect(within(panel()).queryByText(/Photo check/)).toBeNull();
  });

  it('says nothing of a check for a step the schematic engine drew', () => {
    renderStoryboard(progressOf('completed', [step(1, 'completed'), step(2, 'completed')]));
    expect(checkBadge()).toBeNull();
    expect(within(panel()).queryByText('How this picture was made')).toBeNull();
  });

  it('shows no check while the step is drawn again', () => {
    const { update } = renderStoryboard(progressOf('completed', [cloudStep(1, 'completed', { check: passed })]));
    expect(checkBadge()).not.toBeNull();
    update(progressOf('generating', [cloudStep(1, 'generating', { check: passed })]));
    expect(checkBadge()).toBeNull();
  });

  it('gives the details in “How this picture was made”: parts seen, redraws, model and cost', async () => {
    const user = userEvent.setup();
    renderStoryboard(checkedGuide());
    await user.click(screen.getByRole('tab', { name: 'Step 3, ready' }));
    const summary = within(panel()).getByText('How this picture was made');
    const details = summary.closest('details')!;
    expect(details).not.toHaveAttribute('open');
    await user.click(summary);

    const heading = within(details).getByRole('heading', { name: 'Photo check' });
    const list = heading.parentElement!.querySelector('dl')!;
    expect(list).toBeVisible();
    const rows = [...list.querySelectorAll('dt')].map((term) => [term.textContent, term.nextElementSibling?.textContent]);
    expect(rows).toEqual([
      ['Result', 'Check found a problem: missing potting soil, pebbles; shown too early: lid'],
      ['Parts seen', 'glass jar'],
      ['Missing', 'potting soil, pebbles'],
      ['Shown too early', 'lid'],
      ['Redraws', '1'],
      ['First photo’s findings', 'the potting soil was not in view'],
      ['Checked by', 'gemini-3.8-flash'],
      ['Check cost', '$0.0024 (included in the estimated cost)'],
    ]);
  });

  it('lists the parts seen of a photo that passed, without the empty lists', async () => {
    const user = userEvent.setup();
    renderStoryboard(checkedGuide());
    await user.click(within(panel()).getByText('How this picture was made'));
    const list = within(panel()).getByRole('heading', { name: 'Photo check' }).parentElement!.querySelector('dl')!;
    expect([...list.querySelectorAll('dt')].map((term) => term.textContent)).toEqual(['Result', 'Parts seen', 'Redraws', 'Checked by', 'Check cost']);
    expect(within(list).getByText('glass jar, potting soil')).toBeInTheDocument();
    expect(within(list).getByText('none')).toBeInTheDocument();
    expect(within(list).getByText('$0.0012 (included in the estimated cost)')).toBeInTheDocument();
  });

  it('has no serious accessibility problems (axe, without colour contrast, which jsdom cannot compute)', async () => {
    const user = userEvent.setup();
    const { container } = renderStoryboard(checkedGuide());
    await user.click(screen.getByRole('tab', { name: 'Step 3, ready' }));
    await user.click(within(panel()).getByText('How this picture was made'));
    expect(checkBadge()).not.toBeNull();
    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    const serious = result.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    expect(serious.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
  });
});
