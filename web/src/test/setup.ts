import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import { EventSourceStub } from './eventSourceStub';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  EventSourceStub.reset();
  sessionStorage.clear();
  window.history.replaceState(null, '', '/');
});
