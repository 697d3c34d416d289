import { act, renderHook, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { GuideProgress } from '../api/types';
import { EventSourceStub } from '../test/eventSourceStub';
import { jsonResponse, progressOf, progressRoute, step, steps, stubFetch } from '../test/fixtures';
import { STREAM_FAILURES_BEFORE_POLLING } from './progressSubscription';
import { useStepImages } from './useStepImages';

const API = 'http://api.test';
const PROGRESS_URL = `${API}/step-images/g1`;
const EVENTS_URL = `${API}/step-images/g1/events`;

/** Lets pending promises (the stubbed fetches) settle, under real or fake timers. */
async function settle() {
  await act(async () => {
    for (let i = 0; i < 10; i += 1) await Promise.resolve();
  });
}

function progressGets(requests: { url: string; method: string }[], url = PROGRESS_URL) {
  return requests.filter((r) => r.method === 'GET' && r.url === url).length;
}

describe('useStepImages with an event stream', () => {
  let server: GuideProgress;
  let requests: { url: string; method: string }[];

  beforeEach(() => {
    EventSourceStub.install();
    server = progressOf('generating', steps(3, () => 'pending'));
    ({ requests } = stubFetch(progressRoute(PROGRESS_URL, () => server)));
  });

  async function renderStreaming() {
    const hook = renderHook(() => useStepImages({ threadId: 'g1', apiUrl: API }));
    await waitFor(() => expect(hook.result.current.progress).not.toBeNull());
    await waitFor(() => expect(EventSourceStub.instances).toHaveLength(1));
    return hook;
  }

  it('reads the progress first, then merges step and guide events into it', async () => {
    const { result } = await renderStreaming();
    expect(requests[0]).toEqual(expect.objectContaining({ url: PROGRESS_URL, method: 'GET' }));
    expect(result.current.isLoading).toBe(false);
    const stream = EventSourceStub.latest();
    expect(stream.url).toBe(EVENTS_URL);

    act(() => {
      stream.open();
      stream.emit('step', step(1, 'generating'), 5);
    });
    expect(result.current.progress?.step_images[0]?.status).toBe('generating');

    act(() => stream.emit('step', step(1, 'completed'), 6));
    const progress = result.current.progress;
    expect(progress?.step_images[0]).toEqual(expect.objectContaining({ status: 'completed', image_id: 'img-1' }));
    expect(progress?.completed_steps).toBe(1);
    expect(progress?.failed_steps).toBe(0);
    expect(progress?.progress).toBeCloseTo(1 / 3);

    act(() => stream.emit('step', step(2, 'failed', { error: 'engine timed out' }), 7));
    expect(result.current.progress?.failed_steps).toBe(1);
    expect(result.current.progress?.progress).toBeCloseTo(2 / 3);

    act(() => stream.emit('guide', { id: 'g1', status: 'generating', total_steps: 3, started_at: 42, completed_at: null, error: null }, 8));
    expect(result.current.progress?.started_at).toBe(42);
    expect(stream.closed).toBe(false);
  });

  it('does not duplicate a step when the same event arrives twice', async () => {
    const { result } = await renderStreaming();
    const stream = EventSourceStub.latest();
    act(() => {
      stream.open();
      stream.emit('step', step(2, 'completed'), 10);
      stream.emit('step', step(2, 'completed'), 10);
      // The same state again under a new id (a replay after reconnecting).
      stream.emit('step', step(2, 'completed'), 11);
    });
    const progress = result.current.progress;
    expect(progress?.step_images).toHaveLength(3);
    expect(progress?.step_images.filter((s) => s.step_number === 2)).toHaveLength(1);
    expect(progress?.completed_steps).toBe(1);
  });

  it('ignores an event it has already seen, even after a newer one', async () => {
    const { result } = await renderStreaming();
    const stream = EventSourceStub.latest();
    act(() => {
      stream.emit('step', step(1, 'generating'), 3);
      stream.emit('step', step(1, 'completed'), 4);
      stream.emit('step', step(1, 'generating'), 3);
    });
    expect(result.current.progress?.step_images[0]?.status).toBe('completed');
  });

  it('closes the stream at a final guide status', async () => {
    const { result } = await renderStreaming();
    const stream = EventSourceStub.latest();
    server = progressOf('completed', steps(3, () => 'completed'));
    act(() => {
      stream.open();
      for (const n of [1, 2, 3]) stream.emit('step', step(n, 'completed'), n);
      stream.emit('guide', { id: 'g1', status: 'completed', total_steps: 3, started_at: 1, completed_at: 2, error: null }, 4);
    });
    await waitFor(() => expect(stream.closed).toBe(true));
    expect(result.current.progress?.status).toBe('completed');
    expect(result.current.progress?.completed_steps).toBe(3);
    expect(EventSourceStub.instances).toHaveLength(1);
  });

  it('keeps listening when a replayed final status is not the guide’s status now', async () => {
    const { result } = await renderStreaming();
    const stream = EventSourceStub.latest();
    // The guide finished once, then a step was regenerated: the replay starts with the old "completed".
    act(() => stream.emit('guide', { id: 'g1', status: 'completed', total_steps: 3 }, 4));
    await settle();
    expect(stream.closed).toBe(false);
    expect(result.current.progress?.status).toBe('generating');
  });

  it('takes a plan event: the plan’s source, repairs and version, and the drawing phase; other kinds go unheard', async () => {
    server = progressOf('generating', steps(3, () => 'pending'), { phase: 'planning' });
    const { result } = await renderStreaming();
    const stream = EventSourceStub.latest();
    expect(stream.listenerCount('plan')).toBe(1);
    expect(stream.listenerCount('created')).toBe(0);
    expect(result.current.progress?.phase).toBe('planning');
    act(() => {
      stream.open();
      stream.emit('created', { status: 'generating' }, 1);
      stream.emit('plan', { version: 1, plan_source: 'gemini:gemini-3.8-flash', plan_repairs: 1, created_at: 1733500000.0 }, 2);
      stream.emit('step', step(1, 'generating'), 3);
    });
    expect(result.current.progress).toEqual(
      expect.objectContaining({ phase: 'drawing', plan_source: 'gemini:gemini-3.8-flash', plan_repairs: 1, plan_version: 1 }),
    );
    expect(result.current.progress?.step_images[0]?.status).toBe('generating');
    // A model's plan has nothing more to read.
    await settle();
    expect(progressGets(requests)).toBe(1);
  });

  it('reads the progress again after the offline reader’s fallback plan, for its confidence', async () => {
    server = progressOf('generating', steps(3, () => 'pending'), { phase: 'planning' });
    const { result } = await renderStreaming();
    const stream = EventSourceStub.latest();
    const source = 'offline (fallback: the model timed out twice)';
    server = progressOf('generating', steps(3, () => 'pending'), { phase: 'drawing', plan_source: source, plan_repairs: 0, plan_version: 1, plan_confidence: 0.8 });
    act(() => {
      stream.open();
      stream.emit('plan', { version: 1, plan_source: source, plan_repairs: 0 }, 2);
    });
    expect(result.current.progress).toEqual(expect.objectContaining({ phase: 'drawing', plan_source: source }));
    await waitFor(() => expect(result.current.progress?.plan_confidence).toBe(0.8));
    expect(progressGets(requests)).toBe(2);
    expect(stream.closed).toBe(false);
  });

  it('takes partial events: the latest image of a step being drawn, until the step completes', async () => {
    const { result } = await renderStreaming();
    const stream = EventSourceStub.latest();
    expect(stream.listenerCount('partial')).toBe(1);
    const partial = (index: number) => ({ step_number: 2, index, image_id: `part-2-${index}`, image_url: `http://0.0.0.0:8080/images/part-2-${index}` });
    const held = () => result.current.progress?.step_images[1]?.partial;
    act(() => {
      stream.open();
      stream.emit('step', step(2, 'generating'), 5);
      stream.emit('partial', partial(0), 6);
    });
    expect(held()).toEqual({ index: 0, image_id: 'part-2-0', image_url: 'http://0.0.0.0:8080/images/part-2-0' });
    act(() => {
      stream.emit('partial', partial(2), 7);
      // An older one under a newer id changes nothing; a repeated id is skipped.
      stream.emit('partial', partial(1), 8);
      stream.emit('partial', partial(0), 6);
    });
    expect(held()?.index).toBe(2);
    expect(result.current.progress?.step_images).toHaveLength(3);

    act(() => stream.emit('step', step(2, 'completed'), 9));
    expect(result.current.progress?.step_images[1]).toEqual(expect.objectContaining({ status: 'completed', image_id: 'img-2' }));
    expect(held()).toBeUndefined();
    // Partials cause no full read.
    await settle();
    expect(progressGets(requests)).toBe(1);
  });

  it('keeps the partial image through a full read after the browser gave up on the stream', async () => {
    const { result } = await renderStreaming();
    const first = EventSourceStub.latest();
    act(() => {
      first.open();
      first.emit('step', step(1, 'generating'), 3);
      first.emit('partial', { step_number: 1, index: 1, image_id: 'part-1-1' }, 4);
    });
    // The full read has no partials; step 1 is still being drawn.
    server = progressOf('generating', [step(1, 'generating'), step(2, 'pending'), step(3, 'pending')]);
    act(() => first.fail(EventSourceStub.CLOSED));
    await waitFor(() => expect(EventSourceStub.instances).toHaveLength(2));
    expect(result.current.progress?.step_images[0]?.partial).toEqual({ index: 1, image_id: 'part-1-1', image_url: null });

    // The new stream replays from the start: the partials seen are skipped, the next one merges.
    const second = EventSourceStub.latest();
    act(() => {
      second.open();
      second.emit('step', step(1, 'generating'), 3);
      second.emit('partial', { step_number: 1, index: 1, image_id: 'part-1-1' }, 4);
      second.emit('partial', { step_number: 1, index: 2, image_id: 'part-1-2' }, 5);
    });
    expect(result.current.progress?.step_images[0]?.partial?.image_id).toBe('part-1-2');
  });

  it('does not open a stream for a guide that is already finished', async () => {
    server = progressOf('completed_with_errors', steps(3, (n) => (n === 2 ? 'failed' : 'completed')));
    const { result } = renderHook(() => useStepImages({ threadId: 'g1', apiUrl: API }));
    await waitFor(() => expect(result.current.progress?.status).toBe('completed_with_errors'));
    await settle();
    expect(EventSourceStub.instances).toHaveLength(0);
  });

  it('after the browser gives up on the stream, reads everything again and reopens without losing or duplicating a step', async () => {
    const { result } = await renderStreaming();
    const first = EventSourceStub.latest();
    act(() => {
      first.open();
      first.emit('step', step(1, 'completed'), 3);
    });

    // While disconnected, step 2 finished and step 3 started.
    server = progressOf('generating', [step(1, 'completed'), step(2, 'completed'), step(3, 'generating')]);
    act(() => first.fail(EventSourceStub.CLOSED));

    await waitFor(() => expect(EventSourceStub.instances).toHaveLength(2));
    expect(first.closed).toBe(true);
    expect(progressGets(requests)).toBe(2);
    expect(result.current.progress?.step_images.map((s) => s.status)).toEqual(['completed', 'completed', 'generating']);

    // The new stream replays from the start: what was seen is skipped, the rest merges once.
    const second = EventSourceStub.latest();
    act(() => {
      second.open();
      second.emit('step', step(1, 'completed'), 3);
      second.emit('step', step(2, 'completed'), 4);
      second.emit('step', step(3, 'completed'), 5);
    });
    const progress = result.current.progress;
    expect(progress?.step_images).toHaveLength(3);
    expect(progress?.completed_steps).toBe(3);
  });

  it('lets the browser reconnect by itself (Last-Event-ID) after a dropped connection', async () => {
    const { result } = await renderStreaming();
    const stream = EventSourceStub.latest();
    act(() => {
      stream.open();
      stream.emit('step', step(1, 'completed'), 3);
      stream.fail(EventSourceStub.CONNECTING);
    });
    await settle();
    expect(EventSourceStub.instances).toHaveLength(1);
    expect(stream.closed).toBe(false);
    act(() => {
      stream.open();
      stream.emit('step', step(2, 'completed'), 4);
    });
    expect(result.current.progress?.completed_steps).toBe(2);
  });

  it('keeps events that arrive while a full read is in flight', async () => {
    const { result } = await renderStreaming();
    const stream = EventSourceStub.latest();
    let answer: (response: Response) => void = () => undefined;
    const stale = progressOf('generating', steps(3, () => 'pending'));
    vi.mocked(fetch).mockImplementationOnce(() => new Promise<Response>((resolve) => (answer = resolve)));

    let refetched: Promise<void> = Promise.resolve();
    act(() => {
      refetched = result.current.refetch();
    });
    act(() => stream.emit('step', step(1, 'completed'), 9));
    await act(async () => {
      answer(jsonResponse(stale));
      await refetched;
    });
    expect(result.current.progress?.step_images[0]?.status).toBe('completed');
  });

  it('refetch() reads the progress again and listens again when the guide runs again', async () => {
    server = progressOf('completed', steps(3, () => 'completed'));
    const { result } = renderHook(() => useStepImages({ threadId: 'g1', apiUrl: API }));
    await waitFor(() => expect(result.current.progress?.status).toBe('completed'));
    expect(EventSourceStub.instances).toHaveLength(0);

    // A step was regenerated: the guide is generating again.
    server = progressOf('generating', [step(1, 'completed'), step(2, 'pending'), step(3, 'completed')]);
    await act(() => result.current.refetch());
    expect(progressGets(requests)).toBe(2);
    expect(result.current.progress?.status).toBe('generating');
    expect(result.current.progress?.step_images[1]?.status).toBe('pending');
    expect(EventSourceStub.instances).toHaveLength(1);
  });

  it('catches up when the reader comes back to a finished guide that runs again', async () => {
    server = progressOf('completed', steps(3, () => 'completed'));
    const { result, unmount } = renderHook(() => useStepImages({ threadId: 'g1', apiUrl: API }));
    await waitFor(() => expect(result.current.progress?.status).toBe('completed'));
    expect(EventSourceStub.instances).toHaveLength(0);

    // Another window fixed the plan: two steps are drawn again.
    server = progressOf('generating', [step(1, 'completed'), step(2, 'pending'), step(3, 'pending')]);
    act(() => {
      window.dispatchEvent(new Event('focus'));
    });
    await waitFor(() => expect(result.current.progress?.status).toBe('generating'));
    expect(progressGets(requests)).toBe(2);
    expect(EventSourceStub.instances).toHaveLength(1);

    // Gone from the page, nothing more is read.
    unmount();
    act(() => {
      window.dispatchEvent(new Event('focus'));
    });
    await settle();
    expect(progressGets(requests)).toBe(2);
  });

  it('switches to polling when the stream fails repeatedly before opening', async () => {
    vi.useFakeTimers();
    const { result } = renderHook(() => useStepImages({ threadId: 'g1', apiUrl: API, pollInterval: 1000 }));
    await settle();
    const stream = EventSourceStub.latest();
    act(() => {
      for (let i = 0; i < STREAM_FAILURES_BEFORE_POLLING; i += 1) stream.fail(EventSourceStub.CONNECTING);
    });
    expect(stream.closed).toBe(true);
    expect(progressGets(requests)).toBe(1);

    server = progressOf('generating', [step(1, 'completed'), step(2, 'pending'), step(3, 'pending')]);
    await act(() => vi.advanceTimersByTimeAsync(1000));
    expect(progressGets(requests)).toBe(2);
    expect(result.current.progress?.completed_steps).toBe(1);
    expect(EventSourceStub.instances).toHaveLength(1);
  });

  it('closes the stream and stops when unmounted', async () => {
    const { unmount } = await renderStreaming();
    const stream = EventSourceStub.latest();
    unmount();
    expect(stream.closed).toBe(true);
  });

  it('resubscribes when the threadId changes', async () => {
    const other = progressOf('generating', steps(2, () => 'pending'), { id: 'g2' });
    const { requests: seen } = stubFetch(
      progressRoute(PROGRESS_URL, () => server),
      progressRoute(`${API}/step-images/g2`, () => other),
    );
    const { result, rerender } = renderHook(({ id }) => useStepImages({ threadId: id, apiUrl: API }), {
      initialProps: { id: 'g1' },
    });
    await waitFor(() => expect(EventSourceStub.instances).toHaveLength(1));
    const first = EventSourceStub.latest();

    rerender({ id: 'g2' });
    await waitFor(() => expect(EventSourceStub.instances).toHaveLength(2));
    expect(first.closed).toBe(true);
    expect(EventSourceStub.latest().url).toBe(`${API}/step-images/g2/events`);
    expect(progressGets(seen, `${API}/step-images/g2`)).toBe(1);
    await waitFor(() => expect(result.current.progress?.id).toBe('g2'));
    expect(result.current.progress?.total_steps).toBe(2);

    // A late event on the old stream changes nothing.
    act(() => first.emit('step', step(1, 'completed'), 50));
    expect(result.current.progress?.completed_steps).toBe(0);
  });
});

describe('useStepImages without EventSource', () => {
  let server: GuideProgress;
  let requests: { url: string; method: string }[];

  beforeEach(() => {
    vi.stubGlobal('EventSource', undefined);
    vi.useFakeTimers();
    server = progressOf('generating', steps(2, () => 'pending'));
    ({ requests } = stubFetch(progressRoute(PROGRESS_URL, () => server)));
  });

  it('polls every pollInterval and stops at a final status', async () => {
    const { result } = renderHook(() => useStepImages({ threadId: 'g1', apiUrl: API, pollInterval: 2000 }));
    await settle();
    expect(progressGets(requests)).toBe(1);

    await act(() => vi.advanceTimersByTimeAsync(1999));
    expect(progressGets(requests)).toBe(1);
    await act(() => vi.advanceTimersByTimeAsync(1));
    expect(progressGets(requests)).toBe(2);

    server = progressOf('generating', [step(1, 'completed'), step(2, 'generating')]);
    await act(() => vi.advanceTimersByTimeAsync(2000));
    expect(progressGets(requests)).toBe(3);
    expect(result.current.progress?.completed_steps).toBe(1);

    server = progressOf('completed', [step(1, 'completed'), step(2, 'completed')]);
    await act(() => vi.advanceTimersByTimeAsync(2000));
    expect(progressGets(requests)).toBe(4);
    expect(result.current.progress?.status).toBe('completed');

    await act(() => vi.advanceTimersByTimeAsync(20_000));
    expect(progressGets(requests)).toBe(4);
  });

  it('keeps polling through a failed read and reports the error until a read succeeds', async () => {
    const { result } = renderHook(() => useStepImages({ threadId: 'g1', apiUrl: API, pollInterval: 1000 }));
    await settle();
    vi.mocked(fetch).mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await act(() => vi.advanceTimersByTimeAsync(1000));
    expect(result.current.error).toMatch(/could not reach/i);
    await act(() => vi.advanceTimersByTimeAsync(1000));
    expect(result.current.error).toBeNull();
    // The first read, the failed one (not recorded by the stub) and the one after it.
    expect(vi.mocked(fetch)).toHaveBeenCalledTimes(3);
    expect(progressGets(requests)).toBe(2);
  });

  it('stops polling when unmounted', async () => {
    const { unmount } = renderHook(() => useStepImages({ threadId: 'g1', apiUrl: API, pollInterval: 1000 }));
    await settle();
    unmount();
    await act(() => vi.advanceTimersByTimeAsync(10_000));
    expect(progressGets(requests)).toBe(1);
  });
});

describe('useStepImages when disabled', () => {
  it('fetches nothing and opens nothing', async () => {
    EventSourceStub.install();
    const { fetchStub } = stubFetch();
    const { result } = renderHook(() => useStepImages({ threadId: 'g1', apiUrl: API, enabled: false }));
    await settle();
    expect(fetchStub).not.toHaveBeenCalled();
    expect(EventSourceStub.instances).toHaveLength(0);
    expect(result.current).toEqual(expect.objectContaining({ progress: null, isLoading: false, error: null }));
  });
});
