import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { describe, expect, it, vi } from 'vitest';
import type { GuideProgress, StepImage, StepStatus } from '../../api/types';
import { birdhouseGuide, progressOf, step } from '../../test/fixtures';
import { Storyboard } from './Storyboard';

const API = '/api';

function renderStoryboard(progress: GuideProgress) {
  const props = {
    guideId: 'g1',
    apiUrl: API,
    guide: birdhouseGuide,
    onRegenerate: vi.fn(async () => undefined),
    onCancel: vi.fn(async () => undefined),
  };
  const view = render(<Storyboard {...props} progress={progress} />);
  const update = (next: GuideProgress) => view.rerender(<Storyboard {...props} progress={next} />);
  return { ...view, update };
}

const panel = () => screen.getByRole('tabpanel');
const badge = () => within(panel()).queryByText(/^(Schematic preview|Picture forming) —/);
const imageAt = (src: string) => panel().querySelector<HTMLImageElement>(`img[src="${src}"]`);

/** A streaming cloud-engine step: its schematic preview and, where given, its latest partial image. */
function cloudStep(n: number, status: StepStatus, partialIndex?: number, extra: Partial<StepImage> = {}): StepImage {
  const partial = partialIndex === undefined ? {} : { partial: { index: partialIndex, image_id: `part-${n}-${partialIndex}`, image_url: null } };
  return step(n, status, { preview_id: `pv-${n}`, ...partial, ...extra });
}

const others = [step(2, 'pending'), step(3, 'pending'), step(4, 'pending')];
const FORMING = 'Step 1: Cut the pieces (picture forming)';

describe('Storyboard partial images (the picture forming)', () => {
  it('keeps the preview until the partial image has loaded, then shows it with its badge', () => {
    renderStoryboard(progressOf('generating', [cloudStep(1, 'generating', 0), ...others]));
    // Loading, unseen: the preview still speaks for the step.
    const preview = within(panel()).getByRole('img', { name: 'Step 1: Cut the pieces (schematic preview)' });
    expect(badge()).toHaveTextContent('Schematic preview — photo on its way');
    const partial = imageAt('/api/images/part-1-0');
    expect(partial).toHaveAttribute('alt', '');
    expect(partial).toHaveClass('picture-stack__partial--loading');

    fireEvent.load(partial!);
    expect(within(panel()).getByRole('img', { name: FORMING })).toBe(partial);
    expect(partial).not.toHaveClass('picture-stack__partial--loading');
    expect(preview).not.toBeInTheDocument();
    expect(badge()).toHaveTextContent('Picture forming — partial image 1');
    expect(screen.getByRole('tab', { name: 'Step 1, generating' })).toBeInTheDocument();
  });

  it('keeps each partial image until the next has loaded, then the photo replaces the last', () => {
    const { update } = renderStoryboard(progressOf('generating', [cloudStep(1, 'generating', 0), ...others]));
    const first = imageAt('/api/images/part-1-0')!;
    fireEvent.load(first);

    update(progressOf('generating', [cloudStep(1, 'generating', 1), ...others]));
    expect(within(panel()).getByRole('img', { name: FORMING })).toBe(first);
    expect(badge()).toHaveTextContent('Picture forming — partial image 1');
    const second = imageAt('/api/images/part-1-1')!;
    expect(second).toHaveClass('picture-stack__partial--loading');
    fireEvent.load(second);
    expect(within(panel()).getByRole('img', { name: FORMING })).toBe(second);
    expect(first).not.toBeInTheDocument();
    expect(badge()).toHaveTextContent('Picture forming — partial image 2');

    // The step completes (its partial is dropped): the partial stays until the photo has loaded.
    update(progressOf('generating', [cloudStep(1, 'completed'), ...others]));
    expect(within(panel()).getByRole('img', { name: FORMING })).toBe(second);
    expect(badge()).toHaveTextContent('Picture forming — partial image 2');
    const photo = imageAt('/api/images/img-1')!;
    expect(photo).toHaveClass('picture-stack__photo--loading');
    expect(photo).toHaveAttribute('aria-hidden', 'true');
    fireEvent.load(photo);
    expect(within(panel()).getByRole('img', { name: 'Step 1: Cut the pieces' })).toBe(photo);
    expect(second).not.toBeInTheDocument();
    expect(badge()).toBeNull();
    expect(panel().querySelectorAll('img')).toHaveLength(1);
  });

  it('keeps what is shown when a partial image cannot load', () => {
    renderStoryboard(progressOf('generating', [cloudStep(1, 'generating', 0), ...others]));
    fireEvent.error(imageAt('/api/images/part-1-0')!);
    expect(within(panel()).getByRole('img', { name: 'Step 1: Cut the pieces (schematic preview)' })).toBeInTheDocument();
    expect(badge()).toHaveTextContent('Schematic preview — photo on its way');
  });

  it('goes back to the preview, marked, when the step fails', () => {
    const { update } = renderStoryboard(progressOf('generating', [cloudStep(1, 'generating', 0), ...others]));
    fireEvent.load(imageAt('/api/images/part-1-0')!);
    update(progressOf('generating', [cloudStep(1, 'failed', undefined, { error: 'engine timed out' }), ...others]));
    expect(within(panel()).getByRole('img', { name: 'Step 1: Cut the pieces (schematic preview)' })).toBeInTheDocument();
    expect(imageAt('/api/images/part-1-0')).toBeNull();
    expect(badge()).toHaveTextContent('Schematic preview — photo failed');
  });

  it('shows nothing of one step’s partial image on another step', async () => {
    const user = userEvent.setup();
    renderStoryboard(progressOf('generating', [cloudStep(1, 'generating', 0), cloudStep(2, 'generating', 0), step(3, 'pending'), step(4, 'pending')]));
    fireEvent.load(imageAt('/api/images/part-1-0')!);
    await user.click(screen.getByRole('tab', { name: 'Step 2, generating' }));
    expect(imageAt('/api/images/part-1-0')).toBeNull();
    expect(within(panel()).getByRole('img', { name: 'Step 2: Drill the entrance (schematic preview)' })).toBeInTheDocument();
    expect(imageAt('/api/images/part-2-0')).toHaveClass('picture-stack__partial--loading');
  });

  it('shows a partial image with no preview under it', () => {
    renderStoryboard(progressOf('generating', [step(1, 'generating', { partial: { index: 2, image_id: 'part-1-2', image_url: null } }), ...others]));
    expect(within(panel()).getByRole('img', { name: FORMING })).toHaveAttribute('src', '/api/images/part-1-2');
    expect(badge()).toHaveTextContent('Picture forming — partial image 3');
  });

  it('shows the partial image in the thumbnail, tagged, and says so in its name', () => {
    renderStoryboard(progressOf('generating', [cloudStep(1, 'generating', 1), cloudStep(2, 'pending'), step(3, 'pending'), step(4, 'pending')]));
    const thumbnail = screen.getByRole('button', { name: 'Show Step 1: Cut the pieces (generating, picture forming)' });
    const partial = thumbnail.querySelector<HTMLImageElement>('img[src="/api/images/part-1-1"]')!;
    fireEvent.load(partial);
    expect(thumbnail.querySelectorAll('img')).toHaveLength(1);
    expect(within(thumbnail.closest('li')!).getByText('Forming')).toBeInTheDocument();
    // A preview alone keeps its own tag.
    const preview = screen.getByRole('button', { name: 'Show Step 2: Drill the entrance (waiting, schematic preview)' });
    expect(within(preview.closest('li')!).getByText('Preview')).toBeInTheDocument();
  });

  it('has no serious accessibility problems while the picture forms (axe, without colour contrast)', async () => {
    const { container } = renderStoryboard(progressOf('generating', [cloudStep(1, 'generating', 0), ...others]));
    fireEvent.load(imageAt('/api/images/part-1-0')!);
    expect(badge()).toHaveTextContent('Picture forming');
    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    const serious = result.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    expect(serious.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
  });
});
