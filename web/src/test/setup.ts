import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import { EventSourceStub } from './eventSourceStub';

// A loaded CI machine can take longer than the 1 s default to re-render.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  EventSourceStub.reset();
  sessionStorage.clear();
  window.history.replaceState(null, '', '/');
});
