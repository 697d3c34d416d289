import { render, screen, waitFor } from '@testing-library/react';
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
