import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { GuideProgress, GuideRequest, StepImage, StepStatus } from '../../api/types';
import { birdhouseGuide, progressOf, step } from '../../test/fixtures';
import { Storyboard } from './Storyboard';

const API = '/api';

function renderStoryboard(progress: GuideProgress, guide: GuideRequest | null = birdhouseGuide) {
  const onRegenerate = vi.fn(async () => undefined);
  const onCancel = vi.fn(async () => undefined);
  const props = { guideId: 'g1', apiUrl: API, guide, onRegenerate, onCancel };
  const view = render(<Storyboard {...props} progress={progress} />);
  const update = (next: GuideProgress) => view.rerender(<Storyboard {...props} progress={next} />);
  return { ...view, update };
}

const panel = () => screen.getByRole('tabpanel');
const liveRegion = () => screen.getByRole('status');
const badge = () => within(panel()).queryByText(/^Schematic preview —/);

/** A cloud-engine step: its schematic preview (an id only, as in a step event) and whatever else is given. */
function cloudStep(n: number, status: StepStatus, extra: Partial<StepImage> = {}): StepImage {
  return step(n, status, { preview_id: `pv-${n}`, ...extra });
}

const usage = {
  model: 'gemini-3.1-flash-image',
  images: 1,
  latency_ms: 4012,
  input_tokens: 600,
  output_tokens: 1120,
  total_tokens: 1720,
  cost_usd: 0.067,
};

describe('Storyboard schematic previews', () => {
  it('shows the preview at once, marked as one, in the panel and the thumbnails', () => {
    renderStoryboard(progressOf('generating', [cloudStep(1, 'generating'), cloudStep(2, 'pending'), step(3, 'pending'), step(4, 'pending')]));
    const preview = within(panel()).getByRole('img', { name: 'Step 1: Cut the pieces (schematic preview)' });
    expect(preview).toHaveAttribute('src', '/api/images/pv-1');
    expect(badge()).toHaveTextContent('Schematic preview — photo on its way');
    // The tab still says what the step is doing.
    expect(screen.getByRole('tab', { name: 'Step 1, generating' })).toBeInTheDocument();

    const thumbnail = screen.getByRole('button', { name: 'Show Step 2: Drill the entrance (waiting, schematic preview)' });
    expect(thumbnail.querySelector('img')).toHaveAttribute('src', '/api/images/pv-2');
    expect(within(thumbnail.closest('li')!).getByText('Preview')).toBeInTheDocument();
    // A step with no preview keeps its placeholder.
    expect(screen.getByRole('button', { name: 'Show Step 3: Assemble the box (waiting)' }).querySelector('img')).toBeNull();
  });

  it('keeps the preview until the photo has loaded, then shows the photo alone', () => {
    const { update } = renderStoryboard(progressOf('generating', [cloudStep(1, 'generating'), cloudStep(2, 'pending'), step(3, 'pending'), step(4, 'pending')]));
    const preview = within(panel()).getByRole('img', { name: 'Step 1: Cut the pieces (schematic preview)' });

    update(progressOf('generating', [cloudStep(1, 'completed'), cloudStep(2, 'generating'), step(3, 'pending'), step(4, 'pending')]));
    // The photo is loading, unseen: the same preview element is still what shows, with its badge.
    expect(within(panel()).getByRole('img', { name: 'Step 1: Cut the pieces (schematic preview)' })).toBe(preview);
    expect(badge()).toBeInTheDocument();
    const photo = panel().querySelector<HTMLImageElement>('img[src="/api/images/img-1"]');
    expect(photo).not.toBeNull();
    expect(photo).toHaveAttribute('alt', '');
    expect(photo).toHaveClass('picture-stack__photo--loading');

    fireEvent.load(photo!);
    expect(within(panel()).getByRole('img', { name: 'Step 1: Cut the pieces' })).toBe(photo);
    expect(photo).not.toHaveClass('picture-stack__photo--loading');
    expect(within(panel()).queryByRole('img', { name: /schematic preview/ })).toBeNull();
    expect(badge()).toBeNull();
    expect(screen.getByRole('tab', { name: 'Step 1, ready' })).toBeInTheDocument();
  });

  it('shows a failed step’s preview with the failure, its reason and the regenerate hint', async () => {
    const user = userEvent.setup();
    renderStoryboard(
      progressOf('completed_with_errors', [
        cloudStep(1, 'completed'),
        cloudStep(2, 'failed', { error: 'Gemini made no image: finish reason IMAGE_SAFETY' }),
        cloudStep(3, 'completed'),
        cloudStep(4, 'completed'),
      ]),
    );
    await user.click(screen.getByRole('tab', { name: 'Step 2, failed' }));
    expect(within(panel()).getByRole('img', { name: 'Step 2: Drill the entrance (schematic preview)' })).toHaveAttribute('src', '/api/images/pv-2');
    expect(badge()).toHaveTextContent('Schematic preview — photo failed');
    expect(within(panel()).getByText('The photo could not be made; the schematic preview is shown instead.')).toBeInTheDocument();
    expect(within(panel()).getByText('Reason: Gemini made no image: finish reason IMAGE_SAFETY')).toBeInTheDocument();
    expect(within(panel()).getByText('Regenerate to try again.')).toBeInTheDocument();
    expect(within(panel()).getByRole('button', { name: 'Regenerate' })).toBeInTheDocument();
    const thumbnail = screen.getByRole('button', { name: 'Show Step 2: Drill the entrance (failed, schematic preview)' });
    expect(thumbnail.querySelector('img')).toHaveAttribute('src', '/api/images/pv-2');
  });

  it('marks the preview of a step the guide stopped before', () => {
    renderStoryboard(progressOf('cancelled', [cloudStep(1, 'generating'), step(2, 'pending'), step(3, 'pending'), step(4, 'pending')]));
    expect(within(panel()).getByRole('img', { name: 'Step 1: Cut the pieces (schematic preview)' })).toBeInTheDocument();
    expect(badge()).toHaveTextContent('Schematic preview — no photo was made');
    expect(document.querySelector('.spinner')).toBeNull();
  });

  it('says once that previews are showing, then each photo as it is ready', () => {
    const { update } = renderStoryboard(progressOf('generating', [step(1, 'pending'), step(2, 'pending'), step(3, 'pending'), step(4, 'pending')]));
    update(progressOf('generating', [cloudStep(1, 'pending'), step(2, 'pending'), step(3, 'pending'), step(4, 'pending')]));
    expect(liveRegion()).toHaveTextContent('Schematic previews are showing; the photos are on their way.');
    // The other previews are not news.
    update(progressOf('generating', [cloudStep(1, 'generating'), cloudStep(2, 'pending'), cloudStep(3, 'pending'), cloudStep(4, 'pending')]));
    expect(liveRegion()).toHaveTextContent('Schematic previews are showing; the photos are on their way.');

    update(progressOf('generating', [cloudStep(1, 'completed'), cloudStep(2, 'generating'), cloudStep(3, 'pending'), cloudStep(4, 'pending')]));
    expect(liveRegion()).toHaveTextContent('Step 1: the photo is ready.');
    update(progressOf('generating', [cloudStep(1, 'completed'), cloudStep(2, 'failed', { error: 'x' }), cloudStep(3, 'pending'), cloudStep(4, 'pending')]));
    expect(liveRegion()).toHaveTextContent('Step 2 failed; its schematic preview stays.');
  });

  it('says nothing about previews that were there on arrival', () => {
    const { update } = renderStoryboard(progressOf('generating', [cloudStep(1, 'generating'), cloudStep(2, 'pending'), step(3, 'pending'), step(4, 'pending')]));
    update(progressOf('generating', [cloudStep(1, 'generating'), cloudStep(2, 'pending'), cloudStep(3, 'pending'), step(4, 'pending')]));
    expect(liveRegion()).toHaveTextContent('');
  });
});

describe('How this picture was made', () => {
  const concept = 'data:image/png;base64,iVBORw0KGgo=';

  function madeStep(): StepImage {
    return cloudStep(2, 'completed', {
      prompt_used: 'A photo of a pine birdhouse, part-way built: the front has a 32 mm hole.',
      references: [
        { kind: 'schematic', image_id: 'pv-2' },
        { kind: 'anchor', image_id: 'img-4', image_url: 'http://0.0.0.0:8080/images/img-4' },
        { kind: 'previous_step', image_id: 'img-1' },
        { kind: 'concept', image_id: null, image_url: null },
      ],
      usage,
    });
  }

  it('is collapsed at first, then shows the prompt, the labelled references and the usage', async () => {
    const user = userEvent.setup();
    renderStoryboard(progressOf('generating', [cloudStep(1, 'completed'), madeStep(), step(3, 'pending'), step(4, 'pending')]), {
      ...birdhouseGuide,
      concept_image: concept,
    });
    await user.click(screen.getByRole('tab', { name: 'Step 2, ready' }));
    const summary = within(panel()).getByText('How this picture was made');
    const details = summary.closest('details');
    expect(details).not.toHaveAttribute('open');
    await user.click(summary);
    expect(details).toHaveAttribute('open');

    expect(within(panel()).getByText(/A photo of a pine birdhouse, part-way built/)).toBeVisible();
    expect(within(panel()).getByRole('link', { name: 'Schematic of this step' })).toHaveAttribute('href', '/api/images/pv-2');
    expect(within(panel()).getByRole('link', { name: 'Finished-build anchor' })).toHaveAttribute('href', '/api/images/img-4');
    const previous = within(panel()).getByRole('link', { name: 'Previous step' });
    expect(previous).toHaveAttribute('href', '/api/images/img-1');
    expect(previous.querySelector('img')).toHaveAttribute('src', '/api/images/img-1');
    // The concept image has no stored copy: the one this browser sent is shown, not linked.
    const conceptLabel = within(panel()).getByText('Your concept image');
    expect(conceptLabel.closest('a')).toBeNull();
    expect(conceptLabel.parentElement?.querySelector('img')).toHaveAttribute('src', concept);

    const usageList = details!.querySelector('dl')!;
    expect(within(usageList).getByText('gemini-3.1-flash-image')).toBeInTheDocument();
    expect(within(usageList).getByText('4.0 s')).toBeInTheDocument();
    expect(within(usageList).getByText('600 in · 1,120 out · 1,720 total')).toBeInTheDocument();
    expect(within(usageList).getByText('$0.067')).toBeInTheDocument();
  });

  it('is not there for a step the schematic engine drew', () => {
    renderStoryboard(progressOf('completed', [step(1, 'completed'), step(2, 'completed'), step(3, 'completed'), step(4, 'completed')]));
    expect(within(panel()).queryByText('How this picture was made')).toBeNull();
  });

  it('shows the guide’s usage total in the status area', () => {
    renderStoryboard(
      progressOf('completed', [cloudStep(1, 'completed'), cloudStep(2, 'completed'), cloudStep(3, 'completed'), cloudStep(4, 'completed')], {
        usage: { images: 9, latency_ms: 36000, input_tokens: 5400, output_tokens: 11610, total_tokens: 17010, cost_usd: 0.351 },
      }),
    );
    const line = screen.getByText((_, element) => element?.tagName === 'P' && element.textContent === '9 photos · 36 s provider time · est. $0.35');
    expect(line).toHaveClass('generation-status__usage');
  });

  it('shows no usage line without usage', () => {
    renderStoryboard(progressOf('completed', [step(1, 'completed'), step(2, 'completed'), step(3, 'completed'), step(4, 'completed')]));
    expect(screen.queryByText(/provider time/)).toBeNull();
  });
});
