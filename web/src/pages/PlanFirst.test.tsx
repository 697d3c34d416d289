import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { rememberSubmittedGuide } from '../api/submittedGuides';
import type { GuideProgress } from '../api/types';
import { EventSourceStub } from '../test/eventSourceStub';
import { jsonResponse, progressOf, step, steps, stubFetch, type RecordedRequest, type Route } from '../test/fixtures';
import { guidePlanOf, planterGuide, planterPlan } from '../test/planFixtures';
import { GuidePage } from './GuidePage';
import { NewGuidePage } from './NewGuidePage';

const API = '/api';
const PROGRESS_URL = `${API}/step-images/g1`;
const PLAN_URL = `${PROGRESS_URL}/plan`;

const svg: Route = (request) =>
  request.method === 'POST' && request.url === `${API}/preview`
    ? ({ ok: true, status: 200, headers: new Headers(), text: async () => '<svg xmlns="http://www.w3.org/2000/svg"/>' } as unknown as Response)
    : undefined;

describe('the new-guide form: plan first', { timeout: 30_000 }, () => {
  const accept: Route = (request) =>
    request.method === 'POST' && request.url === `${API}/step-images`
      ? jsonResponse({ id: 'gd_42', status: 'not_started', total_steps: 2, links: { self: '/step-images/gd_42', events: '/step-images/gd_42/events' } }, 202)
      : undefined;
  const posted = (requests: RecordedRequest[]) => requests.find((r) => r.method === 'POST')?.body as Record<string, unknown>;

  async function fillIn(user: ReturnType<typeof userEvent.setup>) {
    await user.type(screen.getByLabelText(/Project title/), 'Terrarium');
    await user.type(screen.getByLabelText(/Steps/), 'Fill the jar{Enter}Plant the moss');
  }

  it('offers “Check the plan before drawing” and sends review_plan: true when ticked', async () => {
    const { requests } = stubFetch(accept);
    const user = userEvent.setup();
    render(<NewGuidePage apiUrl={API} />);
    await fillIn(user);
    const box = screen.getByRole('checkbox', { name: 'Check the plan before drawing' });
    expect(box).not.toBeChecked();
    expect(box).toHaveAccessibleDescription(expect.stringContaining('you check and fix that plan'));
    await user.click(box);
    await user.click(screen.getByRole('button', { name: 'Plan the guide' }));
    await waitFor(() => expect(window.location.pathname).toBe('/guides/gd_42'));
    expect(posted(requests)).toEqual(expect.objectContaining({ title: 'Terrarium', review_plan: true }));
  });

  it('sends no review_plan when it is not ticked (older servers refuse the field)', async () => {
    const { requests } = stubFetch(accept);
    const user = userEvent.setup();
    render(<NewGuidePage apiUrl={API} />);
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Create step images' }));
    await waitFor(() => expect(window.location.pathname).toBe('/guides/gd_42'));
    expect(posted(requests)).not.toHaveProperty('review_plan');
  });
});

describe('the guide page: plan first, then draw', { timeout: 30_000 }, () => {
  let server: GuideProgress;
  let requests: RecordedRequest[];

  beforeEach(() => {
    EventSourceStub.install();
    rememberSubmittedGuide('g1', planterGuide);
    server = progressOf('not_started', steps(4, () => 'pending'), { phase: 'review', plan_source: 'offline', plan_confidence: 0.72, started_at: null });
    ({ requests } = stubFetch(
      (request) => (request.method === 'GET' && request.url === PROGRESS_URL ? jsonResponse(server) : undefined),
      (request) => (request.method === 'GET' && request.url === PLAN_URL ? jsonResponse(guidePlanOf(planterPlan, 0)) : undefined),
      (request) => {
        if (request.method !== 'POST' || request.url !== `${PROGRESS_URL}/draw`) return undefined;
        server = progressOf('generating', steps(4, (n) => (n === 1 ? 'generating' : 'pending')), { phase: 'drawing', plan_source: 'offline' });
        return jsonResponse({ id: 'g1', status: 'generating' }, 202);
      },
      svg,
    ));
  });

  it('opens the plan for checking, draws nothing, and Start drawing starts the drawing', async () => {
    const user = userEvent.setup();
    render(<GuidePage guideId="g1" apiUrl={API} previewDelay={10} />);
    expect(await screen.findByRole('heading', { name: 'Check the plan' })).toBeInTheDocument();
    expect(screen.getByText(/The plan is ready for you to check: nothing is drawn until you start drawing/)).toBeInTheDocument();
    expect(await screen.findByRole('combobox', { name: 'Kind of wooden strip' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Start drawing' }));
    await waitFor(() => expect(requests).toContainEqual(expect.objectContaining({ method: 'POST', url: `${PROGRESS_URL}/draw` })));
    // Drawing: the storyboard takes the editor's place.
    expect(await screen.findByRole('heading', { name: 'How to Build' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Check the plan' })).toBeNull();
    expect(screen.getByRole('tab', { name: 'Step 1, generating' })).toBeInTheDocument();
  });
});

describe('the guide page: what stepcast understood, from the plan', { timeout: 30_000 }, () => {
  let server: GuideProgress;
  let plan = guidePlanOf(planterPlan, 1);
  let requests: RecordedRequest[];

  beforeEach(() => {
    EventSourceStub.install();
    rememberSubmittedGuide('g1', planterGuide);
    plan = guidePlanOf(planterPlan, 1);
    // Still drawing its last step: the page follows the event stream.
    server = progressOf('generating', steps(4, (n) => (n < 4 ? 'completed' : 'generating')), { phase: 'drawing', plan_source: 'offline', plan_version: 1 });
    ({ requests } = stubFetch(
      (request) => (request.method === 'GET' && request.url === PROGRESS_URL ? jsonResponse(server) : undefined),
      (request) => (request.method === 'GET' && request.url === PLAN_URL ? jsonResponse(plan) : undefined),
    ));
  });

  const planReads = () => requests.filter((request) => request.url === PLAN_URL).length;

  it('shows each step’s parts in view (new ones marked) and its operations in plain words, read once per plan version', async () => {
    const user = userEvent.setup();
    render(<GuidePage guideId="g1" apiUrl={API} />);
    await screen.findByRole('tablist');
    await user.click(screen.getByRole('tab', { name: 'Step 2, ready' }));
    const understood = await screen.findByRole('region', { name: 'What stepcast understood' });
    expect(within(understood).getByText('Glue the wooden strip to the plastic bottle')).toBeInTheDocument();
    const chips = within(understood).getAllByRole('listitem').filter((item) => item.classList.contains('part-chip'));
    expect(chips.map((chip) => chip.textContent)).toEqual(['plastic bottle, changed', 'wooden strip, new']);

    await user.click(screen.getByRole('tab', { name: 'Step 3, ready' }));
    expect(within(screen.getByRole('tabpanel')).getByText('Paint the plastic bottle #2e86c1 blue')).toBeInTheDocument();
    expect(planReads()).toBe(1);

    // A plan saved elsewhere: the plan event brings its version, and the page reads it once.
    plan = guidePlanOf({ ...planterPlan, steps: planterPlan.steps.map((s) => (s.number === 3 ? { ...s, ops: [{ op: 'paint' as const, part: 'bottle', color: '#c0392b' }] } : s)) }, 2, 'edited');
    act(() => {
      EventSourceStub.latest().emit('plan', { version: 2, plan_source: 'edited', plan_repairs: 0 }, 50);
    });
    expect(await within(screen.getByRole('tabpanel')).findByText('Paint the plastic bottle #c0392b red')).toBeInTheDocument();
    expect(planReads()).toBe(2);
  });

  it('offers “Fix this step” instead of Regenerate on the schematic engine, opening the editor at the step', async () => {
    const user = userEvent.setup();
    render(<GuidePage guideId="g1" apiUrl={API} />);
    await screen.findByRole('tablist');
    await user.click(screen.getByRole('tab', { name: 'Step 3, ready' }));
    const panel = screen.getByRole('tabpanel');
    expect(within(panel).queryByRole('button', { name: 'Regenerate' })).toBeNull();
    expect(within(panel).getByRole('link', { name: 'Fix this step' })).toHaveAttribute('href', '/guides/g1/plan?step=3');
    expect(screen.getByRole('link', { name: 'Fix the plan' })).toHaveAttribute('href', '/guides/g1/plan');
  });

  it('offers both Regenerate and “Fix this step” on a cloud engine', async () => {
    rememberSubmittedGuide('g1', { ...planterGuide, engine: 'gemini', style: 'photo' });
    server = progressOf('completed', [1, 2, 3, 4].map((n) => step(n, 'completed', { preview_id: `pv-${n}` })), { plan_source: 'offline', plan_version: 1 });
    render(<GuidePage guideId="g1" apiUrl={API} />);
    await screen.findByRole('tablist');
    const panel = screen.getByRole('tabpanel');
    expect(within(panel).getByRole('button', { name: 'Regenerate' })).toBeInTheDocument();
    expect(within(panel).getByRole('link', { name: 'Fix this step' })).toHaveAttribute('href', '/guides/g1/plan?step=1');
  });

  it('opens the editor at the step asked for, with the guide’s pictures kept current beside it', async () => {
    render(<GuidePage guideId="g1" apiUrl={API} view="plan" initialStep={3} />);
    expect(await screen.findByRole('heading', { name: 'Fix the plan' })).toBeInTheDocument();
    expect(await screen.findByRole('tab', { name: /Step 3/, selected: true })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Step 3: Paint (in the guide now)' })).toHaveAttribute('src', '/api/images/img-3');
    expect(screen.getByRole('link', { name: 'Back to the pictures' })).toHaveAttribute('href', '/guides/g1');

    // A redraw after a save: the step's picture is replaced as its events arrive.
    act(() => {
      const stream = EventSourceStub.latest();
      stream.emit('step', step(3, 'generating'), 61);
    });
    expect(await screen.findByText('Being drawn again…')).toBeInTheDocument();
    act(() => {
      EventSourceStub.latest().emit('step', step(3, 'completed', { image_id: 'img-3b' }), 62);
    });
    expect(await screen.findByRole('img', { name: 'Step 3: Paint (in the guide now)' })).toHaveAttribute('src', '/api/images/img-3b');
  });
});
