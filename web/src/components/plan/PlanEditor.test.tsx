import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { GuidePlan, Plan, SavedPlan } from '../../plan/model';
import { guidePlanOf, planterGuide, planterPlan } from '../../test/planFixtures';
import { jsonResponse, progressOf, steps } from '../../test/fixtures';
import { buildStepViews } from '../storyboard/stepViews';
import { PlanEditor, type PlanEditorProps } from './PlanEditor';

const API = '/api';
const PLAN_URL = `${API}/step-images/g1/plan`;

interface PreviewCall {
  plan: Plan;
  step_number: number;
  signal: AbortSignal | undefined;
}

interface SaveCall {
  plan: Plan;
  ifMatch: string | null;
}

function svgResponse(svg: string): Response {
  return { ok: true, status: 200, headers: new Headers({ 'Content-Type': 'image/svg+xml' }), text: async () => svg } as unknown as Response;
}

/**
 * A fetch stub for the editor's requests: previews (answered by `preview`,
 * default a small SVG naming the step), saves (answered by `save`) and
 * reads of the plan (answered by `read`).
 */
function stubApi(options: {
  preview?: (call: PreviewCall) => Response | Promise<Response>;
  save?: (call: SaveCall) => Response;
  read?: () => GuidePlan;
} = {}) {
  const previews: PreviewCall[] = [];
  const saves: SaveCall[] = [];
  const fetchStub = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    if (url === `${API}/preview` && method === 'POST') {
      const body = JSON.parse(String(init?.body)) as { plan: Plan; step_number: number };
      const call = { plan: body.plan, step_number: body.step_number, signal: init?.signal ?? undefined };
      previews.push(call);
      return options.preview ? options.preview(call) : svgResponse(`<svg xmlns="http://www.w3.org/2000/svg"><text>step ${body.step_number}</text></svg>`);
    }
    if (url === PLAN_URL && method === 'PUT') {
      const headers = new Headers(init?.headers);
      const call = { plan: (JSON.parse(String(init?.body)) as { plan: Plan }).plan, ifMatch: headers.get('If-Match') };
      saves.push(call);
      return options.save ? options.save(call) : jsonResponse(savedOf([2, 3, 4]), 200, { ETag: '"2"' });
    }
    if (url === PLAN_URL && method === 'GET') return jsonResponse(options.read ? options.read() : guidePlanOf());
    return jsonResponse({ error: { code: 'not_found', message: `no route for ${method} ${url}` } }, 404);
  });
  vi.stubGlobal('fetch', fetchStub);
  return { previews, saves, fetchStub };
}

function savedOf(redrawn: number[], version = 2, cost = 0): SavedPlan {
  const all = [1, 2, 3, 4];
  return {
    guide_id: 'g1',
    version,
    redrawn,
    unchanged: all.filter((n) => !redrawn.includes(n)),
    redraw_count: redrawn.length,
    framing_kept: true,
    estimated_cost_usd: cost,
  };
}

function renderEditor(props: Partial<PlanEditorProps> = {}) {
  const progress = progressOf('completed', steps(4, () => 'completed'));
  const onSaved = vi.fn(async () => undefined);
  const reloadPlan = vi.fn(async () => guidePlanOf(planterPlan, 2));
  const user = userEvent.setup();
  const view = render(
    <PlanEditor
      apiUrl={API}
      guideId="g1"
      guidePlan={guidePlanOf()}
      planError={null}
      planPending={false}
      reloadPlan={reloadPlan}
      steps={buildStepViews(progress, planterGuide, API)}
      guide={planterGuide}
      review={false}
      initialStep={2}
      onSaved={onSaved}
      closeHref="/guides/g1"
      previewDelay={20}
      {...props}
    />,
  );
  return { ...view, user, onSaved, reloadPlan };
}

const kindOfStrip = () => screen.getByRole('combobox', { name: 'Kind of wooden strip' }) as HTMLSelectElement;
const status = () => screen.getAllByRole('status').find((element) => element.classList.contains('visually-hidden'))!;

describe('PlanEditor', { timeout: 30_000 }, () => {
  beforeEach(() => {
    sessionStorage.clear();
  });

  it('shows every part in a table and the selected step’s operations in plain words, with the preview', async () => {
    const { previews } = stubApi();
    renderEditor();
    const table = screen.getByRole('table', { name: /Parts/ });
    expect(within(table).getAllByRole('row')).toHaveLength(4);
    expect(kindOfStrip().value).toBe('generic');
    expect(screen.getByRole('tab', { name: /Step 2/, selected: true })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: '1. Glue the wooden strip to the plastic bottle' })).toBeInTheDocument();
    // The kinds offered are exactly the plan format's.
    expect(within(kindOfStrip()).getAllByRole('option')).toHaveLength(32);
    expect(await screen.findByRole('img', { name: 'Preview of Step 2: Glue the strip' })).toHaveAttribute('src', expect.stringMatching(/^data:image\/svg\+xml/));
    expect(previews).toHaveLength(1);
    expect(previews[0]!.step_number).toBe(2);
    expect(screen.getByText(/Version 1 · read from the text by the offline reader · understood 72%/)).toBeInTheDocument();
  });

  it('fixes a part’s kind: the preview follows, Save sends it with If-Match and says how many steps are redrawn', async () => {
    const { previews, saves } = stubApi();
    const { user, onSaved } = renderEditor();
    await screen.findByRole('img', { name: /Preview of Step 2/ });
    await user.selectOptions(kindOfStrip(), 'slat');
    await waitFor(() => expect(previews.at(-1)!.plan.parts[1]!.kind).toBe('slat'));
    expect(screen.getByText('Unsaved changes')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await screen.findByText('Saved as version 2. 3 steps redrawn (steps 2, 3 and 4).', { selector: '.plan-editor__result' });
    expect(saves).toHaveLength(1);
    expect(saves[0]!.ifMatch).toBe('"1"');
    expect(saves[0]!.plan.parts[1]!.kind).toBe('slat');
    expect(onSaved).toHaveBeenCalledWith(savedOf([2, 3, 4]));
    expect(screen.getByText('No unsaved changes')).toBeInTheDocument();
    expect(status()).toHaveTextContent('3 steps redrawn');
  });

  it('adds a missing relation: the strip attached to the bottle', async () => {
    const { saves } = stubApi({ save: () => jsonResponse(savedOf([2, 3, 4], 2, 0.12)) });
    const { user } = renderEditor();
    await user.selectOptions(screen.getByRole('combobox', { name: 'How wooden strip is placed' }), 'attached_to');
    const target = screen.getByRole('combobox', { name: 'What wooden strip is placed relative to' });
    // Relative to another part of the plan only, never to itself.
    expect(within(target).getAllByRole('option').map((option) => option.textContent)).toEqual(['the ground', 'plastic bottle', 'potting soil']);
    await user.selectOptions(target, 'bottle');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await screen.findByText(/3 steps redrawn \(steps 2, 3 and 4\)\. Estimated cost: \$0\.12\./, { selector: '.plan-editor__result' });
    expect(saves[0]!.plan.parts[1]!.placement).toEqual({ relation: 'attached_to', target: 'bottle' });
  });

  it('edits an operation through its form, its legend following', async () => {
    const { saves } = stubApi();
    const { user } = renderEditor();
    const operation = screen.getByRole('group', { name: /^1\. Glue/ });
    await user.selectOptions(within(operation).getByRole('combobox', { name: 'How' }), 'screw');
    expect(screen.getByRole('group', { name: '1. Screw the wooden strip to the plastic bottle' })).toBeInTheDocument();
    await user.selectOptions(within(operation).getByRole('combobox', { name: 'Action' }), 'wrap');
    expect(screen.getByRole('group', { name: '1. Wrap the wooden strip around the plastic bottle' })).toBeInTheDocument();
    // The action select keeps the focus through the change. The focus
    // moves in an effect after the render, so the checks wait for it.
    await waitFor(() => expect(within(operation).getByRole('combobox', { name: 'Action' })).toHaveFocus());

    await user.click(screen.getByRole('button', { name: 'Add an operation' }));
    const added = screen.getByRole('group', { name: '2. Add the plastic bottle' });
    await waitFor(() => expect(within(added).getByRole('combobox', { name: 'Action' })).toHaveFocus());
    await user.click(within(added).getByRole('button', { name: 'Remove operation 2' }));
    expect(screen.queryByRole('group', { name: /^2\./ })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(saves).toHaveLength(1));
    expect(saves[0]!.plan.steps[1]!.ops).toEqual([{ op: 'wrap', part: 'strip', around: 'bottle' }]);
  });

  it('undoes and redoes with the buttons and with Ctrl+Z / Ctrl+Shift+Z, saying what it did', async () => {
    stubApi();
    const { user } = renderEditor();
    const undoButton = screen.getByRole('button', { name: 'Undo' });
    expect(undoButton).toHaveAttribute('aria-disabled', 'true');
    await user.selectOptions(kindOfStrip(), 'slat');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Material of wooden strip' }), 'metal');

    await user.click(undoButton);
    expect(screen.getByRole('combobox', { name: 'Material of wooden strip' })).toHaveValue('wood');
    await waitFor(() => expect(status()).toHaveTextContent('Undone: wooden strip: material metal.'));

    kindOfStrip().focus();
    await user.keyboard('{Control>}z{/Control}');
    expect(kindOfStrip()).toHaveValue('generic');
    expect(screen.getByText('No unsaved changes')).toBeInTheDocument();
    expect(undoButton).toHaveAttribute('aria-disabled', 'true');

    await user.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    expect(kindOfStrip()).toHaveValue('slat');
    await waitFor(() => expect(status()).toHaveTextContent('Redone: wooden strip: kind slat.'));
    await user.click(screen.getByRole('button', { name: 'Redo' }));
    expect(screen.getByRole('combobox', { name: 'Material of wooden strip' })).toHaveValue('metal');
    expect(screen.getByRole('button', { name: 'Redo' })).toHaveAttribute('aria-disabled', 'true');
  });

  it('undoes what was typed into one field in one go', async () => {
    stubApi();
    const { user } = renderEditor();
    const name = screen.getByRole('textbox', { name: 'Name of part 2' });
    await user.clear(name);
    await user.type(name, 'pine slat');
    expect(screen.getByRole('combobox', { name: 'Kind of pine slat' })).toBeInTheDocument();
    await user.keyboard('{Control>}z{/Control}');
    expect(screen.getByRole('textbox', { name: 'Name of part 2' })).toHaveValue('wooden strip');
  });

  it('asks for the preview once the typing pauses, and cancels the request in flight', async () => {
    let hold = true;
    const { previews } = stubApi({
      preview: (call) =>
        hold
          ? new Promise<Response>((_, reject) => call.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))))
          : svgResponse('<svg xmlns="http://www.w3.org/2000/svg"/>'),
    });
    const { user } = renderEditor({ previewDelay: 150 });
    await waitFor(() => expect(previews).toHaveLength(1));
    const first = previews[0]!;
    hold = false;
    const count = screen.getByRole('textbox', { name: 'Count of wooden strip' });
    await user.clear(count);
    await user.type(count, '12');
    // The request in flight was cancelled by the first keystroke's edit.
    expect(first.signal?.aborted).toBe(true);
    await waitFor(() => expect(previews).toHaveLength(2));
    // One request for the whole burst of typing, with what was typed last.
    expect(previews[1]!.plan.parts[1]!.count).toBe(12);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(previews).toHaveLength(2);
  });

  it('keeps the last good preview when the next cannot be drawn, and says why', async () => {
    let refuse = false;
    stubApi({
      preview: () =>
        refuse
          ? jsonResponse({ error: { code: 'invalid', message: 'invalid', fields: [{ field: 'plan.parts[1].size[0]', message: 'must be a finite number greater than 0, found 0' }] } }, 422)
          : svgResponse('<svg xmlns="http://www.w3.org/2000/svg"><text>good</text></svg>'),
    });
    const { user } = renderEditor();
    const picture = await screen.findByRole('img', { name: /Preview of Step 2/ });
    const goodSource = picture.getAttribute('src');
    refuse = true;
    await user.selectOptions(kindOfStrip(), 'plank');
    await screen.findByText(/This step cannot be drawn as the plan is now\. The last picture that could be drawn stays\./);
    expect(screen.getByText('Part 2 (wooden strip): width: must be a finite number greater than 0, found 0')).toBeInTheDocument();
    expect(screen.getByRole('img', { name: /Preview of Step 2/ })).toHaveAttribute('src', goodSource);
  });

  it('shows a 422 next to each field it names, and takes the person there from the list', async () => {
    stubApi({
      save: () =>
        jsonResponse(
          {
            error: {
              code: 'invalid_request',
              message: '2 problems',
              field: 'plan.parts[1].size[0]',
              fields: [
                { field: 'plan.parts[1].size[0]', message: 'must be a finite number greater than 0, found 0' },
                { field: 'plan.steps[3].ops[0].level', message: 'must be between 0 and 1, found 2' },
              ],
            },
          },
          422,
        ),
    });
    const { user } = renderEditor();
    await user.selectOptions(kindOfStrip(), 'slat');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The plan was not saved: 2 fields need fixing.');
    await waitFor(() => expect(alert).toHaveFocus());
    const width = screen.getByRole('textbox', { name: 'Width of wooden strip (cm)' });
    expect(width).toHaveAttribute('aria-invalid', 'true');
    expect(width).toHaveAccessibleDescription(/must be a finite number greater than 0, found 0/);

    await user.click(within(alert).getByRole('button', { name: 'Step 4, operation 1: level' }));
    expect(screen.getByRole('tab', { name: /Step 4/, selected: true })).toBeInTheDocument();
    const level = screen.getByRole('textbox', { name: 'Filled to (%)' });
    await waitFor(() => expect(level).toHaveFocus());
    expect(level).toHaveAccessibleDescription(/must be between 0 and 1, found 2/);

    // Changing the field takes its error away.
    await user.clear(level);
    await user.type(level, '60');
    expect(screen.getByRole('textbox', { name: 'Filled to (%)' })).not.toHaveAttribute('aria-invalid');
    expect(screen.getByText('The plan was not saved: one field needs fixing.')).toBeInTheDocument();
  });

  it('says clearly when someone else saved first (412), and Reload the plan brings the newest', async () => {
    stubApi({ save: () => jsonResponse({ error: { code: 'version_conflict', message: 'plan version 1 is not the newest (2)' } }, 412) });
    const newest = guidePlanOf({ ...planterPlan, parts: planterPlan.parts.map((part) => (part.id === 'strip' ? { ...part, kind: 'plank' as const } : part)) }, 2, 'edited');
    const reloadPlan = vi.fn(async () => newest);
    const { user } = renderEditor({ reloadPlan });
    await user.selectOptions(kindOfStrip(), 'slat');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Someone else saved this plan after you opened it (you edited version 1). Your changes were not saved.');
    await user.click(within(alert).getByRole('button', { name: 'Reload the plan' }));
    expect(reloadPlan).toHaveBeenCalled();
    await waitFor(() => expect(kindOfStrip()).toHaveValue('plank'));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText(/Version 2 · edited/)).toBeInTheDocument();
    expect(screen.getByText('No unsaved changes')).toBeInTheDocument();
  });

  it('takes in its own save as stored, and a newer version saved elsewhere when nothing is unsaved', async () => {
    stubApi();
    const { user, rerender } = renderEditor();
    await user.selectOptions(kindOfStrip(), 'slat');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await screen.findByText(/Saved as version 2/, { selector: '.plan-editor__result' });
    const progress = progressOf('completed', steps(4, () => 'completed'));
    const stepViews = buildStepViews(progress, planterGuide, API);
    const props = {
      apiUrl: API,
      guideId: 'g1',
      planError: null,
      planPending: false,
      reloadPlan: vi.fn(async () => null),
      steps: stepViews,
      guide: planterGuide,
      review: false,
      onSaved: vi.fn(),
    };
    const saved = { ...planterPlan, parts: planterPlan.parts.map((part) => (part.id === 'strip' ? { ...part, kind: 'slat' as const } : part)) };
    act(() => rerender(<PlanEditor {...props} guidePlan={guidePlanOf(saved, 2, 'edited')} />));
    expect(screen.getByText('No unsaved changes')).toBeInTheDocument();

    const elsewhere = { ...saved, parts: saved.parts.map((part) => (part.id === 'bottle' ? { ...part, kind: 'jar' as const } : part)) };
    act(() => rerender(<PlanEditor {...props} guidePlan={guidePlanOf(elsewhere, 3, 'edited')} />));
    expect(screen.getByRole('combobox', { name: 'Kind of plastic bottle' })).toHaveValue('jar');
    expect(screen.getByText(/Version 3 · edited/)).toBeInTheDocument();
  });

  it('in review, saving draws nothing and Start drawing saves first', async () => {
    const { saves } = stubApi({ save: () => jsonResponse(savedOf([])) });
    const onStartDrawing = vi.fn(async () => undefined);
    const { user } = renderEditor({ review: true, onStartDrawing, closeHref: null });
    expect(screen.getByRole('heading', { name: 'Check the plan' })).toBeInTheDocument();
    await user.selectOptions(kindOfStrip(), 'slat');
    await user.click(screen.getByRole('button', { name: 'Save and start drawing' }));
    await waitFor(() => expect(onStartDrawing).toHaveBeenCalled());
    expect(saves).toHaveLength(1);
    expect(screen.getByText('Saved as version 2. Nothing is drawn until you start drawing.', { selector: '.plan-editor__result' })).toBeInTheDocument();
  });

  it('has no accessibility violations', async () => {
    stubApi();
    const { container } = renderEditor();
    await screen.findByRole('img', { name: /Preview of Step 2/ });
    const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
});
