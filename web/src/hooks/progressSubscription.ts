import { describeError, fetchProgress, guideEventsUrl } from '../api/client';
import { isOfflinePlan } from '../api/planSource';
import { isFinalStatus, type GuideProgress } from '../api/types';
import { applyChange, changeFromEvent, emptyProgress, withPartialsKept, type ProgressChange } from './progressMerge';

/** Stream errors in a row, with no successful open between, before switching to polling. */
export const STREAM_FAILURES_BEFORE_POLLING = 3;

/** EventSource.CLOSED, spelled out so a stub without the constant works. */
const EVENT_SOURCE_CLOSED = 2;

export interface SubscriptionOptions {
  guideId: string;
  apiUrl: string;
  pollInterval: number;
}

/** How the subscription reports to its owner (the hook's state setters). */
export interface SubscriptionListener {
  onProgress(update: (previous: GuideProgress | null) => GuideProgress | null): void;
  onLoading(loading: boolean): void;
  onError(message: string | null): void;
}

export interface ProgressSubscription {
  /** Reads the full progress again, and listens again if the guide is running again. */
  refetch(): Promise<void>;
  /** Stops everything; nothing is reported afterwards. */
  dispose(): void;
}

type Mode = 'starting' | 'streaming' | 'polling' | 'finished';

/** The event kinds that change the progress. */
const STREAM_EVENT_KINDS = ['step', 'guide', 'plan', 'partial'] as const;

/**
 * Follows one guide's progress: one full read, then the event stream, with
 * polling where the stream is unavailable or keeps failing. Every full read
 * replays the events that arrived while it was in flight, so a read that
 * started before an event cannot undo it.
 */
export function subscribeToProgress(
  { guideId, apiUrl, pollInterval }: SubscriptionOptions,
  listener: SubscriptionListener,
): ProgressSubscription {
  let disposed = false;
  let mode: Mode = 'starting';
  let source: EventSource | null = null;
  let pollTimer: ReturnType<typeof setTimeout> | null = null;
  let failuresSinceOpen = 0;
  let lastEventId = -Infinity;
  let streamUnavailable = typeof EventSource === 'undefined';
  const readsInFlight = new Set<ProgressChange[]>();

  const apply = (change: ProgressChange) => (previous: GuideProgress | null) =>
    applyChange(previous ?? emptyProgress(guideId), change);

  async function readProgress(): Promise<GuideProgress | null> {
    const arrivedMeanwhile: ProgressChange[] = [];
    readsInFlight.add(arrivedMeanwhile);
    try {
      const snapshot = await fetchProgress(apiUrl, guideId);
      if (disposed) return null;
      const current = arrivedMeanwhile.reduce(applyChange, snapshot);
      // The read has no partial images: those still forming stay.
      listener.onProgress((previous) => withPartialsKept(previous, current));
      listener.onError(null);
      return current;
    } catch (error) {
      if (!disposed) listener.onError(describeError(error));
      return null;
    } finally {
      readsInFlight.delete(arrivedMeanwhile);
    }
  }

  function closeStream() {
    source?.close();
    source = null;
  }

  function stopPolling() {
    if (pollTimer !== null) clearTimeout(pollTimer);
    pollTimer = null;
  }

  function finish() {
    mode = 'finished';
    closeStream();
    stopPolling();
  }

  function follow() {
    if (disposed) return;
    if (streamUnavailable) startPolling();
    else openStream();
  }

  function startPolling() {
    mode = 'polling';
    schedulePoll();
  }

  function schedulePoll() {
    stopPolling();
    pollTimer = setTimeout(() => {
      pollTimer = null;
      void readProgress().then((latest) => {
        if (disposed || mode !== 'polling') return;
        if (latest && isFinalStatus(latest.status)) finish();
        else schedulePoll();
      });
    }, pollInterval);
  }

  function openStream() {
    mode = 'streaming';
    const stream = new EventSource(guideEventsUrl(apiUrl, guideId));
    source = stream;
    const isCurrent = () => !disposed && source === stream;
    stream.addEventListener('open', () => {
      if (isCurrent()) failuresSinceOpen = 0;
    });
    const onChange = (message: MessageEvent<string>) => {
      if (isCurrent()) receive(message);
    };
    // Other kinds (a newer server's) are not listened to.
    for (const kind of STREAM_EVENT_KINDS) stream.addEventListener(kind, onChange);
    stream.addEventListener('error', () => {
      if (isCurrent()) onStreamError(stream);
    });
  }

  function receive(message: MessageEvent<string>) {
    if (message.lastEventId !== '') {
      const id = Number(message.lastEventId);
      // A replay (a new stream starts from the beginning) repeats what was seen.
      if (Number.isFinite(id)) {
        if (id <= lastEventId) return;
        lastEventId = id;
      }
    }
    const change = changeFromEvent(message.type, message.data);
    if (!change) return;
    for (const arrivedMeanwhile of readsInFlight) arrivedMeanwhile.push(change);
    listener.onProgress(apply(change));
    if (change.kind === 'guide' && isFinalStatus(change.guide.status)) void confirmFinished();
    // The offline reader's plan (a model's fallback) has a confidence, which
    // the event does not carry: the full progress does.
    if (change.kind === 'plan' && isOfflinePlan(change.plan.plan_source)) void readProgress();
  }

  /**
   * A final status from the stream may be an old one being replayed (a
   * guide that finished, then had a step regenerated): the full progress
   * says whether it is the guide's status now.
   */
  async function confirmFinished() {
    const latest = await readProgress();
    if (disposed || mode !== 'streaming') return;
    if (latest && isFinalStatus(latest.status)) finish();
  }

  function onStreamError(stream: EventSource) {
    failuresSinceOpen += 1;
    if (failuresSinceOpen >= STREAM_FAILURES_BEFORE_POLLING) {
      closeStream();
      streamUnavailable = true;
      startPolling();
      return;
    }
    if (stream.readyState === EVENT_SOURCE_CLOSED) {
      // The browser gave up on this stream: catch up in full, then listen anew.
      closeStream();
      void readProgress().then((latest) => {
        if (disposed || mode !== 'streaming') return;
        if (latest && isFinalStatus(latest.status)) finish();
        else openStream();
      });
    }
    // Otherwise the browser reconnects by itself, sending Last-Event-ID.
  }

  async function start() {
    listener.onLoading(true);
    const first = await readProgress();
    if (disposed) return;
    listener.onLoading(false);
    if (first && isFinalStatus(first.status)) finish();
    else follow();
  }

  /** Reads the progress again and, if the guide runs again, follows it. */
  async function catchUp() {
    const latest = await readProgress();
    if (disposed) return;
    if (latest && !isFinalStatus(latest.status) && mode === 'finished') {
      failuresSinceOpen = 0;
      follow();
    }
  }

  // A finished guide's stream has ended, so a plan fixed (or a step
  // redrawn) from another window is not heard: catch up when the reader
  // comes back to this page.
  const onReturn = () => {
    if (disposed || mode !== 'finished') return;
    if (typeof document !== 'undefined' && document.visibilityState === 'hidden') return;
    void catchUp();
  };
  if (typeof window !== 'undefined') window.addEventListener('focus', onReturn);
  if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onReturn);

  void start();

  return {
    async refetch() {
      if (disposed) return;
      listener.onLoading(true);
      await catchUp();
      if (!disposed) listener.onLoading(false);
    },
    dispose() {
      disposed = true;
      closeStream();
      stopPolling();
      if (typeof window !== 'undefined') window.removeEventListener('focus', onReturn);
      if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', onReturn);
    },
  };
}
