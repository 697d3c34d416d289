import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { GuideProgress, GuideRequest } from '../../api/types';
import { birdhouseGuide, progressOf, step, steps } from '../../test/fixtures';
import { Storyboard } from './Storyboard';

const API = '/api';

function renderStoryboard(progress: GuideProgress, guide: GuideRequest | null = birdhouseGuide) {
  const onRegenerate = vi.fn(async () => undefined);
  const onCancel = vi.fn(async () => undefined);
  const props = { guideId: 'g1', apiUrl: API, guide, onRegenerate, onCancel };
  const view = render(<Storyboard {...props} progress={progress} />);
  const update = (next: GuideProgress) => view.rerender(<Storyboard {...props} progress={next} />);
  return { ...view, update, onRegenerate, onCancel };
}

const panel = () => screen.getByRole('tabpanel');
const liveRegion = () => screen.getByRole('status');

describe('Storyboard states', () => {
  it('all pending: every tab waits, placeholders spin, the counter starts at 0', () => {
    renderStoryboard(progressOf('generating', steps(4, () => 'pending')));
    expect(screen.getByText('Generating images: 0/4 (0%)')).toBeInTheDocument();
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((tab) => tab.textContent)).toEqual(['1Step 1, waiting', '2Step 2, waiting', '3Step 3, waiting', '4Step 4, waiting']);
    expect(within(panel()).getByText('Waiting its turn to be drawn…')).toBeInTheDocument();
    expect(panel().querySelector('.spinner')).not.toBeNull();
    expect(within(panel()).queryByRole('img')).toBeNull();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Download ZIP' })).toBeNull();
  });

  it('generating: a spinner, the counter and the progress bar', async () => {
    const user = userEvent.setup();
    renderStoryboard(progressOf('generating', [step(1, 'completed'), step(2, 'generating'), step(3, 'pending'), step(4, 'pending')]));
    expect(screen.getByText('Generating images: 1/4 (25%)')).toBeInTheDocument();
    const bar = screen.getByRole('progressbar', { name: 'Generating images: 1/4 (25%)' });
    expect(bar).toHaveAttribute('value', '1');
    expect(bar).toHaveAttribute('max', '4');

    const generatingTab = screen.getByRole('tab', { name: 'Step 2, generating' });
    expect(generatingTab.querySelector('.spinner')).not.toBeNull();
    await user.click(generatingTab);
    expect(within(panel()).getByText('Drawing this step…')).toBeInTheDocument();
    expect(panel().querySelector('.spinner')).not.toBeNull();
  });

  it('ready: the image with its alt text, in the panel and as a thumbnail', () => {
    renderStoryboard(progressOf('generating', [step(1, 'completed'), step(2, 'pending'), step(3, 'pending'), step(4, 'pending')]));
    expect(screen.getByRole('tab', { name: 'Step 1, ready' })).toHaveAttribute('aria-selected', 'true');
    const image = within(panel()).getByRole('img', { name: 'Step 1: Cut the pieces' });
    // Loaded through the UI's API base, not the address the server is bound to.
    expect(image).toHaveAttribute('src', '/api/images/img-1');
    const thumbnail = screen.getByRole('button', { name: 'Show Step 1: Cut the pieces (ready)' });
    expect(thumbnail.querySelector('img')).toHaveAttribute('src', '/api/images/img-1');
    expect(screen.getByRole('button', { name: 'Show Step 2: Drill the entrance (waiting)' }).querySelector('img')).toBeNull();
  });

  it('shows the step texts, with safety notes marked out', () => {
    renderStoryboard(progressOf('generating', steps(4, () => 'pending')));
    expect(within(panel()).getByRole('heading', { name: 'Step 1: Cut the pieces' })).toBeInTheDocument();
    expect(within(panel()).getByText('Cut the board into six pieces.')).toBeInTheDocument();
    expect(within(panel()).getByRole('heading', { name: 'Tools' })).toBeInTheDocument();
    expect(within(panel()).getByText('saw')).toBeInTheDocument();
    const safety = within(panel()).getByRole('region', { name: 'Safety notes' });
    expect(within(safety).getByText('Wear safety glasses.')).toBeInTheDocument();
    expect(within(panel()).getByText('Measure twice.')).toBeInTheDocument();
  });

  it('failed: the reason and a Regenerate button that asks for the step again', async () => {
    const user = userEvent.setup();
    const { onRegenerate } = renderStoryboard(
      progressOf('generating', [step(1, 'completed'), step(2, 'failed', { error: 'engine timed out' }), step(3, 'generating'), step(4, 'pending')]),
    );
    await user.click(screen.getByRole('tab', { name: 'Step 2, failed' }));
    expect(within(panel()).getByText('This picture could not be made.')).toBeInTheDocument();
    expect(within(panel()).getByText('Reason: engine timed out')).toBeInTheDocument();
    await user.click(within(panel()).getByRole('button', { name: 'Regenerate' }));
    expect(onRegenerate).toHaveBeenCalledWith(2);
  });

  it('offers Regenerate for ready steps too, but not while a step is being drawn', async () => {
    const user = userEvent.setup();
    const { onRegenerate } = renderStoryboard(progressOf('generating', [step(1, 'completed'), step(2, 'generating'), step(3, 'pending'), step(4, 'pending')]));
    await user.click(within(panel()).getByRole('button', { name: 'Regenerate' }));
    expect(onRegenerate).toHaveBeenCalledWith(1);
    await user.click(screen.getByRole('tab', { name: 'Step 2, generating' }));
    const busy = within(panel()).getByRole('button', { name: 'Regenerate' });
    expect(busy).toHaveAttribute('aria-disabled', 'true');
    await user.click(busy);
    expect(onRegenerate).toHaveBeenCalledTimes(1);
  });

  it('shows why a regenerate request failed', async () => {
    const user = userEvent.setup();
    const { onRegenerate } = renderStoryboard(progressOf('completed', steps(4, () => 'completed')));
    onRegenerate.mockRejectedValueOnce(new Error('guide g1 not found'));
    await user.click(within(panel()).getByRole('button', { name: 'Regenerate' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not regenerate: guide g1 not found');
  });

  it('completed_with_errors: a summary, downloads, no Cancel', () => {
    renderStoryboard(progressOf('completed_with_errors', steps(4, (n) => (n === 3 ? 'failed' : 'completed'))));
    expect(screen.getByText('3 of 4 images are ready; 1 failed.')).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    expect(screen.getByRole('tab', { name: 'Step 3, failed' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Download ZIP' })).toHaveAttribute('href', '/api/step-images/g1/export.zip');
  });

  it('completed: all ready', () => {
    renderStoryboard(progressOf('completed', steps(4, () => 'completed')));
    expect(screen.getByText('All 4 images are ready.')).toBeInTheDocument();
    expect(screen.getAllByRole('tab').every((tab) => /ready$/.test(tab.textContent ?? ''))).toBe(true);
  });

  it('cancelled: unfinished steps read "not drawn" and nothing spins', async () => {
    const user = userEvent.setup();
    renderStoryboard(progressOf('cancelled', [step(1, 'completed'), step(2, 'generating'), step(3, 'pending'), step(4, 'pending')]));
    expect(screen.getByText('Generation was cancelled; 1 of 4 images were made.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    expect(screen.getByRole('tab', { name: 'Step 3, not drawn' })).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'Step 2, not drawn' }));
    expect(within(panel()).getByText('Not drawn: the guide stopped before this step.')).toBeInTheDocument();
    expect(document.querySelector('.spinner')).toBeNull();
  });

  it('failed guide: says why', () => {
    renderStoryboard(progressOf('failed', steps(4, () => 'failed'), { error: 'no engine' }));
    expect(screen.getByText('Generation failed: no engine')).toBeInTheDocument();
  });

  it('Cancel asks to stop while generating', async () => {
    const user = userEvent.setup();
    const { onCancel } = renderStoryboard(progressOf('generating', steps(4, () => 'pending')));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it('without the submitted texts, steps are "Step N"', () => {
    renderStoryboard(progressOf('generating', [step(1, 'completed'), step(2, 'pending')]), null);
    expect(within(panel()).getByRole('img', { name: 'Step 1' })).toBeInTheDocument();
    expect(within(panel()).getByRole('heading', { name: 'Step 1' })).toBeInTheDocument();
    expect(within(panel()).getByText(/kept only in the browser session/)).toBeInTheDocument();
  });
});

describe('Storyboard downloads', () => {
  it('hides the printable guide and the time-lapse unless the server gives their URLs', () => {
    renderStoryboard(progressOf('completed', steps(4, () => 'completed')));
    expect(screen.queryByRole('link', { name: 'Printable guide' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Download time-lapse' })).toBeNull();
  });

  it('offers them when the progress carries guide_url and timelapse_url', () => {
    renderStoryboard(
      progressOf('completed', steps(4, () => 'completed'), {
        guide_url: '/step-images/g1/guide.html',
        timelapse_url: 'https://cdn.test/g1/timelapse.webp',
      }),
    );
    expect(screen.getByRole('link', { name: 'Printable guide' })).toHaveAttribute('href', '/api/step-images/g1/guide.html');
    expect(screen.getByRole('link', { name: 'Download time-lapse' })).toHaveAttribute('href', 'https://cdn.test/g1/timelapse.webp');
    expect(screen.getByRole('img', { name: /Time-lapse/ })).toHaveAttribute('src', 'https://cdn.test/g1/timelapse.webp');
  });
});

describe('Storyboard tabs and navigation', () => {
  const fourPending = () => progressOf('generating', steps(4, () => 'pending'));

  it('follows the APG tabs pattern: one tabpanel, roving tabindex, aria-controls', () => {
    renderStoryboard(fourPending());
    const tabs = screen.getAllByRole('tab');
    expect(screen.getByRole('tablist')).toBeInTheDocument();
    expect(tabs.map((tab) => tab.getAttribute('tabindex'))).toEqual(['0', '-1', '-1', '-1']);
    expect(tabs.every((tab) => tab.getAttribute('aria-controls') === panel().id)).toBe(true);
    expect(panel()).toHaveAttribute('aria-labelledby', tabs[0]?.id);
  });

  it('moves the selection and the focus with arrow keys, Home and End', async () => {
    const user = userEvent.setup();
    renderStoryboard(fourPending());
    const tab = (n: number) => screen.getByRole('tab', { name: `Step ${n}, waiting` });
    const expectSelected = (n: number) => {
      expect(tab(n)).toHaveAttribute('aria-selected', 'true');
      expect(tab(n)).toHaveAttribute('tabindex', '0');
      expect(tab(n)).toHaveFocus();
      expect(within(panel()).getByRole('heading', { level: 3 })).toHaveTextContent(`Step ${n}:`);
    };

    await user.click(tab(1));
    expect(tab(1)).toHaveFocus();
    await user.keyboard('{ArrowRight}');
    expectSelected(2);
    expect(tab(1)).toHaveAttribute('tabindex', '-1');
    await user.keyboard('{ArrowRight}{ArrowRight}');
    expectSelected(4);
    await user.keyboard('{ArrowRight}');
    expectSelected(1);
    await user.keyboard('{ArrowLeft}');
    expectSelected(4);
    await user.keyboard('{Home}');
    expectSelected(1);
    await user.keyboard('{End}');
    expectSelected(4);
    await user.keyboard('{ArrowLeft}');
    expectSelected(3);
  });

  it('selects a step from its thumbnail', async () => {
    const user = userEvent.setup();
    renderStoryboard(fourPending());
    await user.click(screen.getByRole('button', { name: 'Show Step 3: Assemble the box (waiting)' }));
    expect(screen.getByRole('tab', { name: 'Step 3, waiting' })).toHaveAttribute('aria-selected', 'true');
    expect(within(panel()).getByRole('heading', { name: 'Step 3: Assemble the box' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Show Step 3: Assemble the box (waiting)' })).toHaveAttribute('aria-current', 'step');
  });

  it('moves with the previous and next buttons, which stay put at either end', async () => {
    const user = userEvent.setup();
    renderStoryboard(fourPending());
    const previous = screen.getByRole('button', { name: 'Previous step' });
    const next = screen.getByRole('button', { name: 'Next step' });
    expect(previous).toHaveAttribute('aria-disabled', 'true');
    await user.click(previous);
    expect(within(panel()).getByText('1 of 4')).toBeInTheDocument();

    await user.click(next);
    expect(within(panel()).getByRole('heading', { name: 'Step 2: Drill the entrance' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Next step' }));
    await user.click(screen.getByRole('button', { name: 'Next step' }));
    expect(within(panel()).getByText('4 of 4')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Next step' })).toHaveAttribute('aria-disabled', 'true');
    expect(screen.getByRole('button', { name: 'Next step' })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Previous step' }));
    expect(within(panel()).getByText('3 of 4')).toBeInTheDocument();
  });
});

describe('Storyboard live region', () => {
  it('is polite, says nothing about what was there on arrival, then tells each change once', () => {
    const initial = progressOf('generating', [step(1, 'completed'), step(2, 'generating'), step(3, 'pending'), step(4, 'pending')]);
    const { update } = renderStoryboard(initial);
    expect(liveRegion()).toHaveAttribute('aria-live', 'polite');
    expect(liveRegion()).toHaveTextContent('');

    update(progressOf('generating', [step(1, 'completed'), step(2, 'completed'), step(3, 'generating'), step(4, 'pending')]));
    expect(liveRegion()).toHaveTextContent('Step 2 is ready.');

    update(progressOf('generating', [step(1, 'completed'), step(2, 'completed'), step(3, 'failed', { error: 'x' }), step(4, 'generating')]));
    expect(liveRegion()).toHaveTextContent('Step 3 failed.');

    // The same states again (a replayed stream) are not news.
    update(progressOf('generating', [step(1, 'completed'), step(2, 'generating'), step(3, 'failed', { error: 'x' }), step(4, 'generating')]));
    update(progressOf('generating', [step(1, 'completed'), step(2, 'completed'), step(3, 'failed', { error: 'x' }), step(4, 'generating')]));
    expect(liveRegion()).toHaveTextContent('Step 3 failed.');

    update(progressOf('completed_with_errors', [step(1, 'completed'), step(2, 'completed'), step(3, 'failed', { error: 'x' }), step(4, 'completed')]));
    expect(liveRegion()).toHaveTextContent('Step 4 is ready. Finished: 1 of 4 images failed.');
  });

  it('updates the image the moment it is ready', () => {
    const { update } = renderStoryboard(progressOf('generating', steps(4, () => 'generating')));
    expect(within(panel()).queryByRole('img')).toBeNull();
    update(progressOf('generating', [step(1, 'completed'), step(2, 'generating'), step(3, 'generating'), step(4, 'generating')]));
    expect(within(panel()).getByRole('img', { name: 'Step 1: Cut the pieces' })).toBeInTheDocument();
    expect(screen.getByText('Generating images: 1/4 (25%)')).toBeInTheDocument();
  });
});
