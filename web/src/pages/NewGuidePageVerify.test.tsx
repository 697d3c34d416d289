import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import { jsonResponse, stubFetch, type RecordedRequest, type Route } from '../test/fixtures';
import { NewGuidePage } from './NewGuidePage';

const API = '/api';
const LABEL = 'Check each photo and redraw it once if a part is missing or shown too early';

const accept: Route = (request) =>
  request.method === 'POST' && request.url === `${API}/step-images`
    ? jsonResponse({ id: 'gd_42', status: 'generating', total_steps: 2, links: { self: '/step-images/gd_42', events: '/step-images/gd_42/events' } }, 202)
    : undefined;

function capabilities(extra: Record<string, unknown>): Route {
  return (request) =>
    request.url === `${API}/capabilities`
      ? jsonResponse({ engines: ['schematic', 'gemini', 'openai'], styles: ['diagram', 'sketch', 'blueprint', 'photo'], ...extra })
      : undefined;
}

function posted(requests: RecordedRequest[]): Record<string, unknown> | undefined {
  return requests.find((r) => r.method === 'POST')?.body as Record<string, unknown> | undefined;
}

function renderForm() {
  const user = userEvent.setup();
  render(<NewGuidePage apiUrl={API} />);
  return user;
}

async function submitGuide(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText(/Project title/), 'Terrarium');
  await user.type(screen.getByLabelText(/Steps/), 'Fill the jar{Enter}Plant the moss');
  await user.click(screen.getByRole('button', { name: 'Create step images' }));
  await waitFor(() => expect(window.location.pathname).toBe('/guides/gd_42'));
}

const checkBox = () => screen.queryByRole('checkbox', { name: LABEL });

describe('NewGuidePage: the photo check', () => {
  it('is offered with a cloud engine only, where the server has it', async () => {
    stubFetch(capabilities({ verify: { available: true, default: false } }));
    const user = renderForm();
    await user.click(await screen.findByRole('radio', { name: /Gemini/ }));
    const box = screen.getByRole('checkbox', { name: LABEL });
    expect(box).not.toBeChecked();
    expect(box).toHaveAccessibleDescription(expect.stringContaining('A text model compares each photo with its step'));

    await user.click(screen.getByRole('radio', { name: /Schematic/ }));
    expect(checkBox()).toBeNull();
    await user.click(screen.getByRole('radio', { name: /OpenAI/ }));
    expect(checkBox()).not.toBeNull();
  });

  it.each([
    ['without verify in the capabilities', {}],
    ['where the check is not available', { verify: { available: false, default: true } }],
  ])('is not offered %s', async (_, extra) => {
    stubFetch(capabilities(extra));
    const user = renderForm();
    await user.click(await screen.findByRole('radio', { name: /Gemini/ }));
    expect(screen.getByRole('group', { name: 'Consistency strategy' })).toBeInTheDocument();
    expect(checkBox()).toBeNull();
  });

  it('sends verify: true when ticked', async () => {
    const { requests } = stubFetch(capabilities({ verify: { available: true, default: false } }), accept);
    const user = renderForm();
    await user.click(await screen.findByRole('radio', { name: /Gemini/ }));
    await user.click(screen.getByRole('checkbox', { name: LABEL }));
    expect(checkBox()).toBeChecked();
    await submitGuide(user);
    expect(posted(requests)).toEqual(expect.objectContaining({ engine: 'gemini', verify: true }));
  });

  it('sends no verify when left unticked and the server does not check by default', async () => {
    const { requests } = stubFetch(capabilities({ verify: { available: true, default: false } }), accept);
    const user = renderForm();
    await user.click(await screen.findByRole('radio', { name: /Gemini/ }));
    await user.click(screen.getByRole('checkbox', { name: LABEL }));
    await user.click(screen.getByRole('checkbox', { name: LABEL }));
    await submitGuide(user);
    expect(posted(requests)).toEqual(expect.objectContaining({ engine: 'gemini' }));
    expect(posted(requests)).not.toHaveProperty('verify');
  });

  it('starts ticked where the server checks by default, and sends verify: false when unticked', async () => {
    const { requests } = stubFetch(capabilities({ verify: { available: true, default: true } }), accept);
    const user = renderForm();
    await user.click(await screen.findByRole('radio', { name: /Gemini/ }));
    const box = screen.getByRole('checkbox', { name: LABEL });
    expect(box).toBeChecked();
    expect(box).toHaveAccessibleDescription(expect.stringContaining('This server checks photos unless you untick it.'));
    await user.click(box);
    expect(box).not.toBeChecked();
    await submitGuide(user);
    expect(posted(requests)).toEqual(expect.objectContaining({ engine: 'gemini', verify: false }));
  });

  it('sends no verify with the schematic engine, even when ticked for a cloud one', async () => {
    const { requests } = stubFetch(capabilities({ verify: { available: true, default: true } }), accept);
    const user = renderForm();
    await user.click(await screen.findByRole('radio', { name: /Gemini/ }));
    await user.click(screen.getByRole('checkbox', { name: LABEL }));
    await user.click(screen.getByRole('radio', { name: /Schematic/ }));
    await submitGuide(user);
    expect(posted(requests)).toEqual({ title: 'Terrarium', steps: [{ title: 'Fill the jar' }, { title: 'Plant the moss' }], style: 'diagram' });
  });

  it('shows a 422 error about verify at the box, and moves the focus there', async () => {
    stubFetch(capabilities({ verify: { available: true, default: false } }), (request) =>
      request.method === 'POST'
        ? jsonResponse({ error: { code: 'invalid_field', message: 'verify: no text model is set up to check photos', field: 'verify' } }, 422)
        : undefined,
    );
    const user = renderForm();
    await user.click(await screen.findByRole('radio', { name: /Gemini/ }));
    await user.click(screen.getByRole('checkbox', { name: LABEL }));
    await user.type(screen.getByLabelText(/Project title/), 'Terrarium');
    await user.type(screen.getByLabelText(/Steps/), 'Fill the jar');
    await user.click(screen.getByRole('button', { name: 'Create step images' }));
    const box = screen.getByRole('checkbox', { name: LABEL });
    await waitFor(() => expect(box).toHaveAttribute('aria-invalid', 'true'));
    expect(box).toHaveAccessibleDescription(expect.stringContaining('Verify: no text model is set up to check photos'));
    expect(box).toHaveFocus();
  });

  it('has no serious accessibility problems (axe, without colour contrast)', async () => {
    stubFetch(capabilities({ verify: { available: true, default: false } }));
    const user = renderForm();
    await user.click(await screen.findByRole('radio', { name: /Gemini/ }));
    expect(checkBox()).not.toBeNull();
    const result = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
    const serious = result.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    expect(serious.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
  });
});
