import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { describe, expect, it, vi } from 'vitest';
import type { GuideProgress, GuideRequest, StepUnderstanding } from '../../api/types';
import { birdhouseGuide, progressOf, step, steps } from '../../test/fixtures';
import { ConfidenceBadge } from './ConfidenceBadge';
import { Storyboard } from './Storyboard';
import { WhatWasUnderstood } from './WhatWasUnderstood';
import { markUnresolved } from './understanding';

const bottleStep = {
  title: 'Cut the Plastic Bottle',
  description: 'Cut off the top of the plastic  bottle with a BLADE; keep the switchblade away. Glue the rim.',
};

const bottleUnderstanding: StepUnderstanding = {
  confidence: 0.4,
  understood: [
    { text: 'glue', meaning: 'attach with glue' },
    { text: 'cut', meaning: 'cut a part' },
  ],
  unresolved: [
    { text: 'blade', reason: 'unknown noun, not drawn' },
    { text: 'plastic bottle', reason: 'no part called that in the materials' },
  ],
};

function renderStoryboard(progress: GuideProgress, guide: GuideRequest | null = birdhouseGuide) {
  const props = { guideId: 'g1', apiUrl: '/api', guide, onRegenerate: vi.fn(async () => undefined), onCancel: vi.fn(async () => undefined) };
  return render(<Storyboard {...props} progress={progress} />);
}

const understoodSection = () => screen.queryByRole('region', { name: 'What stepcast understood' });

describe('ConfidenceBadge', () => {
  it.each([
    [1, 'Understood 100% · High', 'high'],
    [0.8, 'Understood 80% · High', 'high'],
    [0.796, 'Understood 80% · High', 'high'],
    [0.79, 'Understood 79% · Medium', 'medium'],
    [0.5, 'Understood 50% · Medium', 'medium'],
    [0.49, 'Understood 49% · Low: check this step', 'low'],
    [0, 'Understood 0% · Low: check this step', 'low'],
  ])('shows %s as “%s” (level %s), in words as well as colour', (confidence, text, level) => {
    const { container } = render(<ConfidenceBadge label="Understood" confidence={confidence} lowAdvice="check this step" />);
    const badge = container.querySelector('.confidence');
    expect(badge).toHaveTextContent(text);
    expect(badge).toHaveClass(`confidence--${level}`);
    // The icon is decoration; the words carry the level.
    expect(badge?.querySelector('svg')).toHaveAttribute('aria-hidden', 'true');
  });

  it('gives each level an icon of its own shape', () => {
    const icons = [0.9, 0.6, 0.1].map((confidence) => {
      const { container, unmount } = render(<ConfidenceBadge label="Understood" confidence={confidence} />);
      const markup = container.querySelector('svg')?.innerHTML;
      unmount();
      return markup;
    });
    expect(new Set(icons).size).toBe(3);
  });
});

describe('markUnresolved', () => {
  it('finds words whole, whatever their case and spacing, the longest phrase first', () => {
    const pieces = markUnresolved('Plastic bottle, plastic and a Bottle-cap', [
      { text: 'plastic', reason: 'a' },
      { text: 'plastic bottle', reason: 'b' },
      { text: 'bottle', reason: 'c' },
    ]);
    expect(pieces.map((piece) => [piece.text, piece.unresolved?.reason ?? null])).toEqual([
      ['Plastic bottle', 'b'],
      [', ', null],
      ['plastic', 'a'],
      [' and a ', null],
      ['Bottle', 'c'],
      ['-cap', null],
    ]);
  });

  it('takes words with signs in them literally, and leaves the text whole when nothing matches', () => {
    const pieces = markUnresolved('Use 3/4" (19 mm) ply.', [{ text: '(19 mm)', reason: 'size' }]);
    expect(pieces.filter((piece) => piece.unresolved).map((piece) => piece.text)).toEqual(['(19 mm)']);
    expect(markUnresolved('Sand the edges.', [{ text: 'sandpaper', reason: 'x' }])).toEqual([{ text: 'Sand the edges.', unresolved: null }]);
    expect(markUnresolved('Sand the edges.', [{ text: 'Sand', reason: 'x' }]).map((piece) => piece.text)).toEqual(['Sand', ' the edges.']);
  });
});

describe('WhatWasUnderstood', () => {
  it('renders nothing when the step has no understanding', () => {
    const { container } = render(<WhatWasUnderstood understanding={null} text={bottleStep} />);
    expect(container).toBeEmptyDOMElement();
  });

  it('marks each unresolved word in the step text, whatever its case, and not inside other words', () => {
    render(<WhatWasUnderstood understanding={bottleUnderstanding} text={bottleStep} />);
    const section = screen.getByRole('region', { name: 'What stepcast understood' });
    expect(within(section).getByText('Understood 40%').closest('.confidence')).toHaveTextContent('Understood 40% · Low: check this step');
    const marks = [...section.querySelectorAll('mark')];
    expect(marks.map((mark) => mark.textContent)).toEqual(['Plastic Bottle', 'plastic  bottle', 'BLADE']);
    // "switchblade" holds "blade" but is another word.
    expect(section.querySelector('.understanding__text')).toHaveTextContent('keep the switchblade away');
    expect(marks.some((mark) => mark.textContent === 'switchblade')).toBe(false);
    // Every place is found, so nothing is listed apart.
    expect(within(section).queryByText('Also not used:')).toBeNull();
  });

  it('gives each marked word the focus, with its reason as its accessible description, and Escape hides the reason', async () => {
    const user = userEvent.setup();
    render(<WhatWasUnderstood understanding={bottleUnderstanding} text={bottleStep} />);
    await user.tab();
    const first = screen.getByText('Plastic Bottle');
    expect(first).toHaveFocus();
    expect(first.tagName).toBe('MARK');
    expect(first).toHaveAccessibleDescription('Not used: no part called that in the materials');
    await user.tab();
    await user.tab();
    const blade = screen.getByText('BLADE');
    expect(blade).toHaveFocus();
    expect(blade).toHaveAccessibleDescription('Not used: unknown noun, not drawn');
    // The reason is the tooltip right after the word (shown on hover and focus by the style sheet).
    const reason = document.getElementById(blade.getAttribute('aria-describedby') ?? '');
    expect(reason).toHaveAttribute('role', 'tooltip');
    expect(reason?.parentElement).toBe(blade.parentElement);

    const wrapper = blade.parentElement;
    expect(wrapper).not.toHaveClass('unresolved--dismissed');
    await user.keyboard('{Escape}');
    expect(wrapper).toHaveClass('unresolved--dismissed');
    await user.tab({ shift: true });
    expect(wrapper).not.toHaveClass('unresolved--dismissed');
  });

  it('lists what was understood, collapsed until asked for', async () => {
    const user = userEvent.setup();
    render(<WhatWasUnderstood understanding={bottleUnderstanding} text={bottleStep} />);
    const details = screen.getByText('What it understood (2)').closest('details');
    expect(details).not.toHaveAttribute('open');
    const glue = within(details!).getByText('glue').closest('li');
    expect(glue).not.toBeVisible();
    await user.click(screen.getByText('What it understood (2)'));
    expect(details).toHaveAttribute('open');
    expect(glue).toBeVisible();
    expect(glue).toHaveTextContent(/^glue\s*→\s*taken as\s*attach with glue$/);
  });

  it('lists the unresolved words it cannot find in the text, or all of them without the texts', () => {
    const understanding = { ...bottleUnderstanding, unresolved: [...bottleUnderstanding.unresolved, { text: 'burr', reason: 'unknown noun' }] };
    const { rerender } = render(<WhatWasUnderstood understanding={understanding} text={bottleStep} />);
    expect(screen.getByText('Also not used:')).toBeInTheDocument();
    expect(screen.getByText('burr').closest('li')).toHaveTextContent('burr: unknown noun');

    rerender(<WhatWasUnderstood understanding={understanding} text={null} />);
    expect(document.querySelector('mark')).toBeNull();
    expect(screen.getByText('Not used for the picture:')).toBeInTheDocument();
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual(
      expect.arrayContaining(['blade: unknown noun, not drawn', 'plastic bottle: no part called that in the materials', 'burr: unknown noun']),
    );
  });

  it('says only that nothing is drawn for a materials list', () => {
    render(
      <WhatWasUnderstood
        understanding={{ confidence: 0, understood: [], unresolved: [{ text: 'pine board', reason: 'material' }], materials_only: true }}
        text={{ title: 'Gather the materials', description: 'A pine board and wood glue.' }}
      />,
    );
    const section = screen.getByRole('region', { name: 'What stepcast understood' });
    expect(within(section).getByText('Materials list — nothing is drawn for this step.')).toBeInTheDocument();
    expect(section.querySelector('.confidence')).toBeNull();
    expect(section.querySelector('mark')).toBeNull();
    expect(within(section).queryByText(/check this step/)).toBeNull();
  });
});

describe('Storyboard: what stepcast understood', () => {
  it('shows nothing about understanding where the server does not say', () => {
    renderStoryboard(progressOf('completed', steps(4, () => 'completed')));
    expect(understoodSection()).toBeNull();
    expect(screen.queryByText(/Plan confidence/)).toBeNull();
    expect(screen.queryByText(/Understood \d+%/)).toBeNull();
  });

  it('shows the selected step’s understanding beside its text, step by step', async () => {
    const user = userEvent.setup();
    renderStoryboard(
      progressOf('generating', [
        step(1, 'completed', { understanding: { confidence: 0.9, understood: [{ text: 'cut', meaning: 'cut a part' }], unresolved: [] } }),
        step(2, 'completed'),
        step(3, 'generating', { understanding: { confidence: 0.3, understood: [], unresolved: [{ text: 'Nail', reason: 'unknown verb, not drawn' }] } }),
        step(4, 'pending'),
      ]),
    );
    const panel = screen.getByRole('tabpanel');
    expect(within(panel).getByRole('region', { name: 'What stepcast understood' })).toHaveTextContent('Understood 90% · High');

    await user.click(screen.getByRole('tab', { name: 'Step 2, ready' }));
    expect(understoodSection()).toBeNull();

    await user.click(screen.getByRole('tab', { name: 'Step 3, generating' }));
    const section = within(screen.getByRole('tabpanel')).getByRole('region', { name: 'What stepcast understood' });
    expect(section).toHaveTextContent('Understood 30% · Low: check this step');
    // "Glue and nail the sides to the floor.": the server wrote "Nail".
    const nail = within(section).getByText('nail');
    expect(nail.tagName).toBe('MARK');
    expect(nail).toHaveAccessibleDescription('Not used: unknown verb, not drawn');
  });

  it('shows the plan’s confidence once, with its level, and names the steps to check', () => {
    const low = { confidence: 0.25, understood: [], unresolved: [] };
    renderStoryboard(
      progressOf(
        'completed',
        [
          step(1, 'completed', { understanding: { confidence: 0, understood: [], unresolved: [], materials_only: true } }),
          step(2, 'completed', { understanding: low }),
          step(3, 'completed', { understanding: { confidence: 0.95, understood: [], unresolved: [] } }),
          step(4, 'completed', { understanding: low }),
        ],
        { plan_confidence: 0.72 },
      ),
    );
    const figure = screen.getByText('Plan confidence 72%').closest('.confidence');
    expect(figure).toHaveTextContent('Plan confidence 72% · Medium');
    expect(figure).toHaveClass('confidence--medium');
    expect(screen.getAllByText(/Plan confidence/)).toHaveLength(1);
    // The materials list (step 1) is not a step to check.
    expect(screen.getByText('Steps marked “check this step” may be drawn wrong: steps 2 and 4.')).toBeInTheDocument();
  });

  it('gives the plan’s figure without the hint when no step is low', () => {
    renderStoryboard(
      progressOf('generating', [step(1, 'completed', { understanding: { confidence: 0.85, understood: [], unresolved: [] } })], { plan_confidence: 0.85 }),
    );
    expect(screen.getByText('Plan confidence 85%').closest('.confidence')).toHaveTextContent('Plan confidence 85% · High');
    expect(screen.queryByText(/may be drawn wrong/)).toBeNull();
  });

  it('has no serious accessibility problems (axe, without colour contrast, which jsdom cannot compute)', async () => {
    const { container } = renderStoryboard(
      progressOf('generating', [step(1, 'completed', { understanding: { ...bottleUnderstanding, unresolved: [{ text: 'board', reason: 'unknown noun, not drawn' }] } }), step(2, 'pending')], {
        plan_confidence: 0.4,
      }),
    );
    expect(container.querySelector('mark')).not.toBeNull();
    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    const serious = result.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    expect(serious.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
  });
});
