import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from './App';
import { routeFor } from './routing/router';
import { EventSourceStub } from './test/eventSourceStub';
import { jsonResponse, progressOf, steps, stubFetch } from './test/fixtures';

describe('routing', () => {
  it('maps paths to pages', () => {
    expect(routeFor('/')).toEqual({ page: 'new-guide' });
    expect(routeFor('/guides/gd_1')).toEqual({ page: 'guide', guideId: 'gd_1', view: 'storyboard' });
    expect(routeFor('/guides/gd%201/')).toEqual({ page: 'guide', guideId: 'gd 1', view: 'storyboard' });
    expect(routeFor('/guides/gd_1/plan')).toEqual({ page: 'guide', guideId: 'gd_1', view: 'plan' });
    expect(routeFor('/guides/gd_1/plan', '?step=3')).toEqual({ page: 'guide', guideId: 'gd_1', view: 'plan', step: 3 });
    expect(routeFor('/guides/gd_1/plan', '?step=zero')).toEqual({ page: 'guide', guideId: 'gd_1', view: 'plan' });
    expect(routeFor('/guides/gd_1/other')).toEqual({ page: 'not-found' });
    expect(routeFor('/elsewhere')).toEqual({ page: 'not-found' });
  });

  it('goes from the form to the guide page without a reload, with header and main landmarks', async () => {
    EventSourceStub.install();
    stubFetch((request) => {
      if (request.method === 'POST') {
        return jsonResponse({ id: 'gd_7', status: 'generating', total_steps: 1, links: { self: '', events: '' } }, 202);
      }
      if (request.url === '/step-images/gd_7') return jsonResponse(progressOf('generating', steps(1, () => 'generating'), { id: 'gd_7' }));
      return undefined;
    });
    const user = userEvent.setup();
    render(<App apiUrl="" photoAvailable={false} />);
    expect(screen.getByRole('banner')).toBeInTheDocument();
    expect(screen.getByRole('main')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Illustrate a DIY project' })).toBeInTheDocument();

    await user.type(screen.getByLabelText(/Project title/), 'Shelf');
    await user.type(screen.getByLabelText(/Steps/), 'Mount the brackets: level them first');
    await user.click(screen.getByRole('button', { name: 'Create step images' }));

    const heading = await screen.findByRole('heading', { level: 1, name: 'Shelf' });
    expect(window.location.pathname).toBe('/guides/gd_7');
    await waitFor(() => expect(heading).toHaveFocus());
    expect(await screen.findByRole('tab', { name: 'Step 1, generating' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 3, name: 'Step 1: Mount the brackets' })).toBeInTheDocument();

    await user.click(screen.getByRole('link', { name: 'New guide' }));
    expect(window.location.pathname).toBe('/');
    expect(screen.getByRole('heading', { level: 1, name: 'Illustrate a DIY project' })).toBeInTheDocument();
  });

  it('shows a not-found page for other paths', () => {
    window.history.replaceState(null, '', '/nope');
    render(<App apiUrl="" photoAvailable={false} />);
    expect(screen.getByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
  });
});
