import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { recallSubmittedGuide } from '../api/submittedGuides';
import { jsonResponse, stubFetch, type RecordedRequest, type Route } from '../test/fixtures';
import { NewGuidePage } from './NewGuidePage';

const API = '/api';

const accept: Route = (request) =>
  request.method === 'POST' && request.url === `${API}/step-images`
    ? jsonResponse({ id: 'gd_42', status: 'generating', total_steps: 2, links: { self: '/step-images/gd_42', events: '/step-images/gd_42/events' } }, 202)
    : undefined;

function posted(requests: RecordedRequest[]): unknown {
  return requests.find((r) => r.method === 'POST')?.body;
}

function renderForm(photoAvailable?: boolean) {
  const user = userEvent.setup();
  render(<NewGuidePage apiUrl={API} photoAvailable={photoAvailable} />);
  return user;
}

/** Sets a textarea's text at once (typing "{" would be read as a key by user-event). */
async function paste(user: ReturnType<typeof userEvent.setup>, field: HTMLElement, text: string) {
  await user.clear(field);
  field.focus();
  await user.paste(text);
}

describe('NewGuidePage', () => {
  it('labels every field and offers three styles, photo hidden by default', () => {
    stubFetch();
    renderForm(false);
    for (const label of [/Project title/, 'Description', 'Materials', /Steps/, 'Load an example']) {
      expect(screen.getByLabelText(label)).toBeInTheDocument();
    }
    const styles = screen.getAllByRole('radio');
    expect(styles.map((radio) => (radio as HTMLInputElement).value)).toEqual(['diagram', 'sketch', 'blueprint']);
    expect(screen.getByRole('radio', { name: /Diagram/ })).toBeChecked();
  });

  it('offers the photo style when told cloud engines exist', () => {
    stubFetch();
    renderForm(true);
    expect(screen.getByRole('radio', { name: /Photo/ })).toBeInTheDocument();
  });

  it("offers the photo style when the server's capabilities list it", async () => {
    stubFetch((r) => (r.url === `${API}/capabilities` ? jsonResponse({ styles: ['diagram', 'sketch', 'blueprint', 'photo'] }) : undefined));
    renderForm();
    expect(await screen.findByRole('radio', { name: /Photo/ })).toBeInTheDocument();
  });

  it('parses "Title: description" lines and submits them, then opens the guide page', async () => {
    const { requests } = stubFetch(accept);
    const user = renderForm(false);
    await user.type(screen.getByLabelText(/Project title/), 'Birdhouse');
    await user.type(screen.getByLabelText('Materials'), 'pine board{Enter}nails');
    await user.type(screen.getByLabelText(/Steps/), 'Cut the pieces: six from one board{Enter}Assemble');
    expect(screen.getByText('2 steps.')).toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: /Blueprint/ }));
    await user.click(screen.getByRole('button', { name: 'Create step images' }));

    await waitFor(() => expect(window.location.pathname).toBe('/guides/gd_42'));
    const expected = {
      title: 'Birdhouse',
      materials: ['pine board', 'nails'],
      steps: [{ title: 'Cut the pieces', description: 'six from one board' }, { title: 'Assemble' }],
      style: 'blueprint',
    };
    expect(posted(requests)).toEqual(expected);
    // Kept for the guide page, whose progress JSON has no texts.
    expect(recallSubmittedGuide('gd_42')).toEqual(expected);
  });

  it("accepts a pasted JSON guide in stepcast's shape", async () => {
    const { requests } = stubFetch(accept);
    const user = renderForm(false);
    const guide = { title: 'Jar lamp', materials: ['mason jar'], steps: [{ title: 'Drill the lid', tools: ['drill'] }, { title: 'Wire it' }] };
    await paste(user, screen.getByLabelText(/Steps/), JSON.stringify(guide, null, 2));
    expect(screen.getByText('Read as JSON: 2 steps.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Create step images' }));
    await waitFor(() => expect(posted(requests)).toEqual({ ...guide, style: 'diagram' }));
  });

  it("accepts a pasted JSON guide in the seed's shape", async () => {
    const { requests } = stubFetch(accept);
    const user = renderForm(false);
    const seed = {
      project_overview: { title: 'Bottle planter', description: 'A hanging planter' },
      ingredients: [{ name: 'soda bottle', quantity: 1 }],
      construction_steps: [
        { step_number: 1, title: 'Clean the bottle', description: 'Wash it.', safety_notes: [], tips: ['Keep the cap.'] },
        { step_number: 2, title: 'Cut the window', description: 'Cut a rectangle.', safety_notes: ['Cut away from you.'], tips: [] },
      ],
    };
    await paste(user, screen.getByLabelText(/Steps/), JSON.stringify(seed));
    await user.click(screen.getByRole('button', { name: 'Create step images' }));
    await waitFor(() =>
      expect(posted(requests)).toEqual({
        title: 'Bottle planter',
        description: 'A hanging planter',
        materials: ['soda bottle'],
        steps: [
          { title: 'Clean the bottle', description: 'Wash it.', tips: ['Keep the cap.'] },
          { title: 'Cut the window', description: 'Cut a rectangle.', safety_notes: ['Cut away from you.'] },
        ],
        style: 'diagram',
      }),
    );
  });

  it('loads an example into the form', async () => {
    stubFetch();
    const user = renderForm(false);
    await user.selectOptions(screen.getByLabelText('Load an example'), 'Hanging Soda Bottle Planter');
    await user.click(screen.getByRole('button', { name: 'Load example' }));
    expect(screen.getByLabelText(/Project title/)).toHaveValue('Hanging Soda Bottle Planter');
    const valueOf = (label: string | RegExp) => (screen.getByLabelText(label) as HTMLTextAreaElement).value;
    expect(valueOf('Description')).toContain('2-liter soda bottle');
    expect(valueOf('Materials').split('\n')).toContain('jute twine');
    expect(valueOf(/Steps/)).toContain('"title": "Clean the bottle"');
    expect(screen.getByText('Read as JSON: 7 steps.')).toBeInTheDocument();
  });

  it('shows 422 errors next to the fields they name, with aria-invalid and aria-describedby', async () => {
    stubFetch((request) =>
      request.method === 'POST'
        ? jsonResponse(
            {
              error: {
                code: 'invalid_field',
                message: 'title: must be at most 200 characters',
                field: 'title',
                fields: [
                  { field: 'title', message: 'must be at most 200 characters' },
                  { field: 'steps[1].title', message: 'must not be empty' },
                  { field: 'materials[0]', message: 'must be at most 200 characters' },
                  { field: 'height', message: 'must be at least 256' },
                ],
              },
            },
            422,
          )
        : undefined,
    );
    const user = renderForm(false);
    const title = screen.getByLabelText(/Project title/);
    await user.type(title, 'Birdhouse');
    await user.type(screen.getByLabelText('Materials'), 'board');
    await user.type(screen.getByLabelText(/Steps/), 'Cut{Enter}Glue');
    await user.click(screen.getByRole('button', { name: 'Create step images' }));

    await waitFor(() => expect(title).toHaveAttribute('aria-invalid', 'true'));
    expect(title).toHaveAccessibleDescription('Title: must be at most 200 characters');
    const steps = screen.getByLabelText(/Steps/);
    expect(steps).toHaveAttribute('aria-invalid', 'true');
    expect(steps).toHaveAccessibleDescription(expect.stringContaining('Step 2, title: must not be empty'));
    expect(screen.getByLabelText('Materials')).toHaveAccessibleDescription(expect.stringContaining('Material 1: must be at most 200 characters'));
    expect(screen.getByLabelText('Description')).not.toHaveAttribute('aria-invalid');
    expect(screen.getByRole('alert')).toHaveTextContent('Height: must be at least 256');
    expect(title).toHaveFocus();
    expect(window.location.pathname).toBe('/');

    // Editing a field clears its error.
    await user.type(title, '!');
    expect(title).not.toHaveAttribute('aria-invalid');
  });

  it('shows errors about values from pasted JSON on the steps field, where they were typed', async () => {
    stubFetch((request) =>
      request.method === 'POST'
        ? jsonResponse(
            {
              error: {
                code: 'invalid_field',
                message: 'materials[0]: must be at most 200 characters',
                field: 'materials[0]',
                fields: [{ field: 'materials[0]', message: 'must be at most 200 characters' }],
              },
            },
            422,
          )
        : undefined,
    );
    const user = renderForm(false);
    await paste(user, screen.getByLabelText(/Steps/), JSON.stringify({ title: 'Lamp', materials: ['x'.repeat(300)], steps: [{ title: 'Wire it' }] }));
    await user.click(screen.getByRole('button', { name: 'Create step images' }));
    const steps = screen.getByLabelText(/Steps/);
    await waitFor(() => expect(steps).toHaveAttribute('aria-invalid', 'true'));
    expect(steps).toHaveAccessibleDescription(expect.stringContaining('Material 1: must be at most 200 characters'));
    expect(screen.getByLabelText('Materials')).not.toHaveAttribute('aria-invalid');
  });

  it('checks for a title and steps before sending anything', async () => {
    const { requests } = stubFetch();
    const user = renderForm(false);
    await user.click(screen.getByRole('button', { name: 'Create step images' }));
    expect(screen.getByLabelText(/Project title/)).toHaveAccessibleDescription('Give the project a title.');
    expect(screen.getByLabelText(/Steps/)).toHaveAttribute('aria-invalid', 'true');
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('says when the server is busy (503)', async () => {
    stubFetch((request) =>
      request.method === 'POST'
        ? jsonResponse({ error: { code: 'queue_full', message: 'the queue is full' } }, 503, { 'Retry-After': '30' })
        : undefined,
    );
    const user = renderForm(false);
    await user.type(screen.getByLabelText(/Project title/), 'Birdhouse');
    await user.type(screen.getByLabelText(/Steps/), 'Cut');
    await user.click(screen.getByRole('button', { name: 'Create step images' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('the queue is full');
  });
});

describe('NewGuidePage with cloud engines', () => {
  const capabilities: Route = (request) =>
    request.url === `${API}/capabilities`
      ? jsonResponse({ engines: ['gemini', 'schematic'], styles: ['diagram', 'sketch', 'blueprint', 'photo'] })
      : undefined;
  const png = (bytes: number, name = 'finished.png') => {
    const data = new Uint8Array(bytes);
    data.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    return new File([data], name, { type: 'image/png' });
  };

  async function fillGuide(user: ReturnType<typeof userEvent.setup>) {
    await user.type(screen.getByLabelText(/Project title/), 'Birdhouse');
    await user.type(screen.getByLabelText(/Steps/), 'Cut{Enter}Glue');
  }

  it('offers no engine choice where the server has only the schematic engine', async () => {
    const { requests } = stubFetch((r) => (r.url === `${API}/capabilities` ? jsonResponse({ engines: ['schematic'] }) : undefined));
    renderForm(false);
    await waitFor(() => expect(requests.some((r) => r.url === `${API}/capabilities`)).toBe(true));
    expect(screen.queryByRole('group', { name: 'Image engine' })).toBeNull();
    expect(screen.queryByRole('group', { name: 'Consistency strategy' })).toBeNull();
    expect(screen.queryByLabelText(/Concept image/)).toBeNull();
  });

  it('offers the engines the server has, and the strategies and the concept image for a cloud engine', async () => {
    stubFetch(capabilities);
    const user = renderForm();
    const engines = await screen.findByRole('group', { name: 'Image engine' });
    expect(within(engines).getAllByRole('radio').map((radio) => (radio as HTMLInputElement).value)).toEqual(['schematic', 'gemini']);
    expect(within(engines).getByRole('radio', { name: /Schematic/ })).toBeChecked();
    expect(screen.queryByRole('group', { name: 'Consistency strategy' })).toBeNull();

    await user.click(within(engines).getByRole('radio', { name: /Gemini/ }));
    const strategies = screen.getByRole('group', { name: 'Consistency strategy' });
    expect(within(strategies).getAllByRole('radio').map((radio) => (radio as HTMLInputElement).value)).toEqual([
      'guided',
      'anchored',
      'chained',
      'independent',
    ]);
    expect(within(strategies).getByRole('radio', { name: /Guided \(recommended\): each step follows its schematic for structure and an anchor image for style/ })).toBeChecked();
    expect(within(strategies).getByRole('radio', { name: /Chained: each step edits the previous step’s picture/ })).toBeInTheDocument();
    expect(within(strategies).getByRole('radio', { name: /Independent: text only/ })).toBeInTheDocument();
    expect(within(strategies).getByRole('radio', { name: /Anchored: every step is conditioned on one anchor image/ })).toBeInTheDocument();
    expect(screen.getByLabelText(/Concept image/)).toHaveAttribute('accept', 'image/png,image/jpeg,image/webp');
  });

  it('sends no engine, strategy or concept image while the schematic engine is chosen', async () => {
    const { requests } = stubFetch(capabilities, accept);
    const user = renderForm();
    await screen.findByRole('group', { name: 'Image engine' });
    // A concept image chosen for Gemini, then the schematic engine again: nothing of it is sent.
    await user.click(screen.getByRole('radio', { name: /Gemini/ }));
    await user.upload(screen.getByLabelText(/Concept image/), png(64));
    await screen.findByRole('img', { name: 'Your concept image' });
    await user.click(screen.getByRole('radio', { name: /Schematic/ }));
    await fillGuide(user);
    await user.click(screen.getByRole('button', { name: 'Create step images' }));
    await waitFor(() => expect(window.location.pathname).toBe('/guides/gd_42'));
    const body = posted(requests) as Record<string, unknown>;
    expect(body).toEqual({ title: 'Birdhouse', steps: [{ title: 'Cut' }, { title: 'Glue' }], style: 'diagram' });
  });

  it('sends the engine, the strategy and the concept image (a data URL) when chosen', async () => {
    const { requests } = stubFetch(capabilities, accept);
    const user = renderForm();
    await user.click(await screen.findByRole('radio', { name: /Gemini/ }));
    await user.click(screen.getByRole('radio', { name: /Chained/ }));
    await user.upload(screen.getByLabelText(/Concept image/), png(64));
    const thumbnail = await screen.findByRole('img', { name: 'Your concept image' });
    expect(thumbnail.getAttribute('src')).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    expect(screen.getByText('finished.png')).toBeInTheDocument();
    await fillGuide(user);
    await user.click(screen.getByRole('button', { name: 'Create step images' }));
    await waitFor(() => expect(window.location.pathname).toBe('/guides/gd_42'));
    const body = posted(requests) as Record<string, unknown>;
    expect(body).toEqual(
      expect.objectContaining({ engine: 'gemini', strategy: 'chained', concept_image: expect.stringMatching(/^data:image\/png;base64,iVBORw0KGgo/) }),
    );
  });

  it('sends the default strategy with a cloud engine, and no concept image after Remove', async () => {
    const { requests } = stubFetch(capabilities, accept);
    const user = renderForm();
    await user.click(await screen.findByRole('radio', { name: /Gemini/ }));
    await user.upload(screen.getByLabelText(/Concept image/), png(64));
    await screen.findByRole('img', { name: 'Your concept image' });
    await user.click(screen.getByRole('button', { name: 'Remove concept image' }));
    expect(screen.queryByRole('img', { name: 'Your concept image' })).toBeNull();
    expect(screen.getByLabelText(/Concept image/)).toHaveFocus();
    await fillGuide(user);
    await user.click(screen.getByRole('button', { name: 'Create step images' }));
    await waitFor(() => expect(window.location.pathname).toBe('/guides/gd_42'));
    const body = posted(requests) as Record<string, unknown>;
    expect(body).toEqual(expect.objectContaining({ engine: 'gemini', strategy: 'guided' }));
    expect(body).not.toHaveProperty('concept_image');
  });

  it('refuses a concept image over 4 MiB, says why at the field and sends nothing', async () => {
    const { requests } = stubFetch(capabilities, accept);
    const user = renderForm();
    await user.click(await screen.findByRole('radio', { name: /Gemini/ }));
    const input = screen.getByLabelText(/Concept image/);
    await user.upload(input, png(4 * 1024 * 1024 + 1, 'huge.png'));
    await waitFor(() => expect(input).toHaveAttribute('aria-invalid', 'true'));
    expect(input).toHaveAccessibleDescription(expect.stringContaining('"huge.png" is 4.0 MiB; the concept image can be at most 4 MiB.'));
    expect(screen.queryByRole('img', { name: 'Your concept image' })).toBeNull();

    await fillGuide(user);
    await user.click(screen.getByRole('button', { name: 'Create step images' }));
    expect(input).toHaveFocus();
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);

    // A picture that fits clears the refusal.
    await user.upload(input, png(64));
    await screen.findByRole('img', { name: 'Your concept image' });
    expect(input).not.toHaveAttribute('aria-invalid');
  });

  it('shows 422 errors about the engine, strategy, format and concept image at their controls', async () => {
    stubFetch(capabilities, (request) =>
      request.method === 'POST'
        ? jsonResponse(
            {
              error: {
                code: 'invalid_field',
                message: 'concept_image: is not a image/png image (its bytes say otherwise)',
                fields: [
                  { field: 'concept_image', message: 'is not a image/png image (its bytes say otherwise)' },
                  { field: 'strategy', message: 'unknown strategy "sideways"' },
                  { field: 'format', message: 'svg is drawn by the schematic engine only; gemini makes photos (png, webp or jpeg)' },
                ],
              },
            },
            422,
          )
        : undefined,
    );
    const user = renderForm();
    await user.click(await screen.findByRole('radio', { name: /Gemini/ }));
    await user.upload(screen.getByLabelText(/Concept image/), png(64));
    await screen.findByRole('img', { name: 'Your concept image' });
    await fillGuide(user);
    await user.click(screen.getByRole('button', { name: 'Create step images' }));

    const concept = screen.getByLabelText(/Concept image/);
    await waitFor(() => expect(concept).toHaveAttribute('aria-invalid', 'true'));
    expect(concept).toHaveAccessibleDescription(expect.stringContaining('Concept image: is not a image/png image'));
    expect(screen.getByRole('group', { name: 'Consistency strategy' })).toHaveAccessibleDescription('Strategy: unknown strategy "sideways"');
    expect(screen.getByRole('group', { name: 'Image engine' })).toHaveAccessibleDescription(
      expect.stringContaining('Format: svg is drawn by the schematic engine only'),
    );
    expect(screen.queryByRole('alert')).toBeNull();
    // The first control with an error (in the form's order) takes the focus.
    expect(screen.getByRole('radio', { name: /Gemini/ })).toHaveFocus();
  });
});

describe('NewGuidePage: who writes the plan', () => {
  const withPlanners: Route = (request) =>
    request.url === `${API}/capabilities`
      ? jsonResponse({ engines: ['schematic'], planners: { available: ['auto', 'offline', 'gemini'], models: ['gemini:gemini-3.8-flash'] } })
      : undefined;

  const options = () =>
    within(screen.getByLabelText('Plan written by'))
      .getAllByRole('option')
      .map((option) => [(option as HTMLOptionElement).value, option.textContent, (option as HTMLOptionElement).disabled]);

  async function fillAndSubmit(user: ReturnType<typeof userEvent.setup>) {
    await user.type(screen.getByLabelText(/Project title/), 'Birdhouse');
    await user.type(screen.getByLabelText(/Steps/), 'Cut{Enter}Glue');
    await user.click(screen.getByRole('button', { name: 'Create step images' }));
    await waitFor(() => expect(window.location.pathname).toBe('/guides/gd_42'));
  }

  it('offers Automatic and the offline reader alone where the server does not list planners', async () => {
    const { requests } = stubFetch((r) => (r.url === `${API}/capabilities` ? jsonResponse({ engines: ['schematic'] }) : undefined));
    renderForm(false);
    await waitFor(() => expect(requests.some((r) => r.url === `${API}/capabilities`)).toBe(true));
    const select = screen.getByLabelText('Plan written by');
    expect(select).toHaveValue('auto');
    expect(options()).toEqual([
      ['auto', 'Automatic', false],
      ['offline', 'Offline reader', false],
    ]);
    expect(select).toHaveAccessibleDescription(expect.stringContaining('Who turns the steps into the plan'));
    expect(select).not.toHaveAccessibleDescription(expect.stringContaining('not available'));
  });

  it('offers every planner, names the model, and disables (with a hint) those the server lacks', async () => {
    stubFetch(withPlanners);
    renderForm(false);
    await waitFor(() => expect(options()).toHaveLength(4));
    expect(options()).toEqual([
      ['auto', 'Automatic', false],
      ['offline', 'Offline reader', false],
      ['gemini', 'Gemini (gemini-3.8-flash)', false],
      ['openai', 'OpenAI — not available on this server', true],
    ]);
    expect(screen.getByLabelText('Plan written by')).toHaveAccessibleDescription(
      expect.stringContaining('Options marked “not available on this server” need a language model this server is not set up for.'),
    );
  });

  it('sends the planner chosen', async () => {
    const { requests } = stubFetch(withPlanners, accept);
    const user = renderForm(false);
    await waitFor(() => expect(options()).toHaveLength(4));
    await user.selectOptions(screen.getByLabelText('Plan written by'), 'gemini');
    await fillAndSubmit(user);
    expect(posted(requests)).toEqual(expect.objectContaining({ planner: 'gemini' }));
  });

  it('sends no planner for Automatic (the server’s default; older servers refuse the field)', async () => {
    const { requests } = stubFetch(withPlanners, accept);
    const user = renderForm(false);
    await waitFor(() => expect(options()).toHaveLength(4));
    await fillAndSubmit(user);
    expect(posted(requests)).not.toHaveProperty('planner');
  });

  it('shows a 422 error about the planner at the select, and moves the focus there', async () => {
    stubFetch(withPlanners, (request) =>
      request.method === 'POST'
        ? jsonResponse({ error: { code: 'invalid_field', message: 'planner: openai is not set up here (available: auto, offline, gemini)', field: 'planner' } }, 422)
        : undefined,
    );
    const user = renderForm(false);
    await waitFor(() => expect(options()).toHaveLength(4));
    await user.selectOptions(screen.getByLabelText('Plan written by'), 'offline');
    await user.type(screen.getByLabelText(/Project title/), 'Birdhouse');
    await user.type(screen.getByLabelText(/Steps/), 'Cut');
    await user.click(screen.getByRole('button', { name: 'Create step images' }));
    const select = screen.getByLabelText('Plan written by');
    await waitFor(() => expect(select).toHaveAttribute('aria-invalid', 'true'));
    expect(select).toHaveAccessibleDescription(expect.stringContaining('Planner: openai is not set up here'));
    expect(select).toHaveFocus();
  });
});
