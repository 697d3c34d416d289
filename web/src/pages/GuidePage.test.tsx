import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { rememberSubmittedGuide } from '../api/submittedGuides';
import type { GuideProgress } from '../api/types';
import { EventSourceStub } from '../test/eventSourceStub';
import { birdhouseGuide, jsonResponse, progressOf, progressRoute, step, steps, stubFetch, type RecordedRequest } from '../test/fixtures';
import { GuidePage } from './GuidePage';

const API = '/api';
const PROGRESS_URL = `${API}/step-images/g1`;

describe('GuidePage', () => {
  let server: GuideProgress;
  let requests: RecordedRequest[];

  beforeEach(() => {
    EventSourceStub.install();
    server = progressOf('generating', [step(1, 'completed'), step(2, 'failed', { error: 'engine timed out' }), step(3, 'generating'), step(4, 'pending')]);
    ({ requests } = stubFetch(
      progressRoute(PROGRESS_URL, () => server),
      (request) => {
        if (request.method === 'POST' && request.url === `${PROGRESS_URL}/step/2/regenerate`) {
          server = progressOf('generating', [step(1, 'completed'), step(2, 'pending'), step(3, 'generating'), step(4, 'pending')]);
          return jsonResponse({ id: 'g1', step: 2, status: 'pending' }, 202);
        }
        if (request.method === 'DELETE' && request.url === PROGRESS_URL) {
          server = { ...server, status: 'cancelled' };
          return jsonResponse({ id: 'g1', status: 'cancelled' });
        }
        return undefined;
      },
    ));
  });

  async function renderGuidePage() {
    const user = userEvent.setup();
    render(<GuidePage guideId="g1" apiUrl={API} />);
    await screen.findByRole('tablist');
    await waitFor(() => expect(EventSourceStub.instances).toHaveLength(1));
    return user;
  }

  it('shows the submitted texts, kept in sessionStorage across a reload', async () => {
    rememberSubmittedGuide('g1', birdhouseGuide);
    await renderGuidePage();
    expect(screen.getByRole('heading', { level: 1, name: 'Birdhouse' })).toBeInTheDocument();
    expect(screen.getByText('A small birdhouse from one pine board.')).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Step 1: Cut the pieces' })).toBeInTheDocument();
    expect(screen.getByText('Generating images: 2/4 (50%), 1 failed')).toBeInTheDocument();
  });

  it('falls back to "Step N" titles when the texts are not in this session', async () => {
    await renderGuidePage();
    expect(screen.getByRole('img', { name: 'Step 1' })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Step 4, waiting' })).toBeInTheDocument();
  });

  it('shows an image the moment its event arrives and announces it', async () => {
    rememberSubmittedGuide('g1', birdhouseGuide);
    const user = await renderGuidePage();
    await user.click(screen.getByRole('tab', { name: 'Step 3, generating' }));
    expect(within(screen.getByRole('tabpanel')).queryByRole('img')).toBeNull();

    act(() => {
      const stream = EventSourceStub.latest();
      stream.open();
      stream.emit('step', step(3, 'completed'), 20);
    });
    expect(within(screen.getByRole('tabpanel')).getByRole('img', { name: 'Step 3: Assemble the box' })).toHaveAttribute('src', '/api/images/img-3');
    expect(screen.getByRole('tab', { name: 'Step 3, ready' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Step 3 is ready.');
  });

  it('shows a schematic preview from a step event (an id, no URL) at once, then the photo', async () => {
    rememberSubmittedGuide('g1', birdhouseGuide);
    const user = await renderGuidePage();
    await user.click(screen.getByRole('tab', { name: 'Step 4, waiting' }));
    const stream = EventSourceStub.latest();
    act(() => {
      stream.open();
      // The stored record's shape: `number`, the preview's id and nothing else.
      stream.emit('step', { guide_id: 'g1', number: 4, status: 'pending', image_id: null, attempts: 0, preview_id: 'pv-4.webp' }, 30);
    });
    const panel = () => within(screen.getByRole('tabpanel'));
    expect(panel().getByRole('img', { name: 'Step 4: Fit the roof (schematic preview)' })).toHaveAttribute('src', '/api/images/pv-4.webp');
    expect(panel().getByText('Schematic preview — photo on its way')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Schematic previews are showing; the photos are on their way.');

    act(() => stream.emit('step', step(4, 'completed', { preview_id: 'pv-4.webp' }), 31));
    const photo = screen.getByRole('tabpanel').querySelector('img[src="/api/images/img-4"]');
    expect(photo).not.toBeNull();
    act(() => {
      photo?.dispatchEvent(new Event('load'));
    });
    expect(panel().getByRole('img', { name: 'Step 4: Fit the roof' })).toBe(photo);
    expect(panel().queryByText('Schematic preview — photo on its way')).toBeNull();
    expect(screen.getByRole('status')).toHaveTextContent('Step 4: the photo is ready.');
  });

  it('shows the plan’s confidence from the progress, and a step’s understanding from its event, kept through a redraw', async () => {
    rememberSubmittedGuide('g1', birdhouseGuide);
    server = { ...server, plan_confidence: 0.45 };
    const user = await renderGuidePage();
    expect(screen.getByText('Plan confidence 45%').closest('.confidence')).toHaveTextContent('Plan confidence 45% · Low');
    expect(screen.queryByRole('region', { name: 'What stepcast understood' })).toBeNull();
    await user.click(screen.getByRole('tab', { name: 'Step 4, waiting' }));

    const stream = EventSourceStub.latest();
    const understanding = { confidence: 0.3, understood: [{ text: 'nail', meaning: 'attach with nails' }], unresolved: [{ text: 'roof pieces', reason: 'no part called that' }] };
    act(() => {
      stream.open();
      stream.emit('step', { guide_id: 'g1', number: 4, status: 'generating', image_id: null, attempts: 1, understanding }, 40);
    });
    const section = () => within(screen.getByRole('tabpanel')).getByRole('region', { name: 'What stepcast understood' });
    expect(section()).toHaveTextContent('Understood 30% · Low: check this step');
    expect(within(section()).getByText('roof pieces')).toHaveAccessibleDescription('Not used: no part called that');
    expect(screen.getByText('Steps marked “check this step” may be drawn wrong: step 4.')).toBeInTheDocument();

    // The finished step's event does not repeat the understanding: it stays.
    act(() => stream.emit('step', { guide_id: 'g1', number: 4, status: 'completed', image_id: 'img-4', attempts: 1 }, 41));
    expect(screen.getByRole('tab', { name: 'Step 4, ready' })).toBeInTheDocument();
    expect(section()).toHaveTextContent('Understood 30% · Low: check this step');
    expect(screen.getByText('Plan confidence 45%')).toBeInTheDocument();
  });

  it('says a language model is writing the plan, then which model wrote it, with no confidence badge', async () => {
    rememberSubmittedGuide('g1', birdhouseGuide);
    server = progressOf('generating', steps(4, () => 'pending'), { phase: 'planning' });
    await renderGuidePage();
    const line = screen.getByText('A language model is writing the plan…');
    expect(line).toHaveAttribute('role', 'status');
    expect(line).toHaveAttribute('aria-live', 'polite');

    const stream = EventSourceStub.latest();
    act(() => {
      stream.open();
      stream.emit('plan', { version: 1, plan_source: 'gemini:gemini-3.8-flash', plan_repairs: 1, created_at: 1733500000.0 }, 5);
    });
    expect(line).toHaveTextContent('Plan by gemini-3.8-flash (Gemini), after 1 repair');
    expect(screen.queryByText('A language model is writing the plan…')).toBeNull();

    // The steps drawn from a model's plan carry no understanding: no badge, no "check this step".
    act(() => stream.emit('step', step(1, 'completed'), 6));
    expect(screen.getByRole('tab', { name: 'Step 1, ready' })).toBeInTheDocument();
    expect(screen.queryByText(/Plan confidence/)).toBeNull();
    expect(screen.queryByRole('region', { name: 'What stepcast understood' })).toBeNull();
  });

  it('says the offline reader stood in for the model, and why, beside the plan’s confidence', async () => {
    const reason = 'the model answered with a plan that failed validation twice (step 3 names a part that is not in the materials).';
    server = { ...server, phase: 'drawing', plan_source: `offline (fallback: ${reason})`, plan_repairs: 2, plan_version: 1, plan_confidence: 0.9 };
    await renderGuidePage();
    expect(screen.getByText(`Plan by the offline reader — the language model failed: ${reason}`)).toBeInTheDocument();
    expect(screen.getByText('Plan confidence 90%').closest('.confidence')).toHaveTextContent('Plan confidence 90% · High');
  });

  it('Regenerate on a failed step calls the API and the step goes back to waiting', async () => {
    rememberSubmittedGuide('g1', birdhouseGuide);
    const user = await renderGuidePage();
    await user.click(screen.getByRole('tab', { name: 'Step 2, failed' }));
    expect(screen.getByText('Reason: engine timed out')).toBeInTheDocument();
    const regenerate = within(screen.getByRole('tabpanel')).getByRole('button', { name: 'Regenerate' });
    await user.click(regenerate);

    await waitFor(() => expect(screen.getByRole('tab', { name: 'Step 2, waiting' })).toBeInTheDocument());
    expect(requests).toContainEqual(expect.objectContaining({ method: 'POST', url: `${PROGRESS_URL}/step/2/regenerate` }));
    expect(screen.queryByText('Reason: engine timed out')).toBeNull();
    // The button stayed where it was, so the focus did too.
    expect(within(screen.getByRole('tabpanel')).getByRole('button', { name: 'Regenerate' })).toHaveFocus();
  });

  it('Cancel stops the guide', async () => {
    const user = await renderGuidePage();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.getByText('Generation was cancelled; 1 of 4 images were made.')).toBeInTheDocument());
    // The live region speaks a render later (it follows the progress in an effect).
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Generation was cancelled.'));
    expect(requests).toContainEqual(expect.objectContaining({ method: 'DELETE', url: PROGRESS_URL }));
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
  });

  it('says when the guide cannot be loaded', async () => {
    stubFetch(() => jsonResponse({ error: { code: 'internal', message: 'database is locked' } }, 500));
    render(<GuidePage guideId="g1" apiUrl={API} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('database is locked');
  });

  it('loads a finished guide without opening a stream', async () => {
    server = progressOf('completed', steps(4, () => 'completed'));
    render(<GuidePage guideId="g1" apiUrl={API} />);
    expect(await screen.findByText('All 4 images are ready.')).toBeInTheDocument();
    expect(EventSourceStub.instances).toHaveLength(0);
    expect(screen.getByRole('link', { name: 'Download ZIP' })).toHaveAttribute('href', '/api/step-images/g1/export.zip');
  });
});
