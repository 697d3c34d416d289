import { vi } from 'vitest';

type Listener = EventListenerOrEventListenerObject;

/**
 * A stand-in for the browser's EventSource. Tests drive it: open(), emit()
 * a named event, fail() with a readyState, and read what the code did
 * (url, closed, instances).
 */
export class EventSourceStub {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static instances: EventSourceStub[] = [];

  readonly url: string;
  readyState = EventSourceStub.CONNECTING;
  closed = false;
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(url: string | URL) {
    this.url = String(url);
    EventSourceStub.instances.push(this);
  }

  /** Puts the stub in place of EventSource for this test. */
  static install(): void {
    vi.stubGlobal('EventSource', EventSourceStub);
  }

  static reset(): void {
    EventSourceStub.instances = [];
  }

  /** The most recently created stream. */
  static latest(): EventSourceStub {
    const latest = EventSourceStub.instances.at(-1);
    if (!latest) throw new Error('no EventSource was created');
    return latest;
  }

  addEventListener(type: string, listener: Listener): void {
    const set = this.listeners.get(type) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(type, set);
  }

  removeEventListener(type: string, listener: Listener): void {
    this.listeners.get(type)?.delete(listener);
  }

  close(): void {
    this.readyState = EventSourceStub.CLOSED;
    this.closed = true;
  }

  /** The connection opened. */
  open(): void {
    this.readyState = EventSourceStub.OPEN;
    this.dispatch(new Event('open'));
  }

  /** A server-sent event `event: type`, `id: id`, `data: JSON`. */
  emit(type: 'step' | 'guide' | 'plan' | 'partial' | 'created' | (string & {}), data: unknown, id?: number): void {
    this.dispatch(
      new MessageEvent(type, { data: JSON.stringify(data), lastEventId: id === undefined ? '' : String(id) }),
    );
  }

  /** An error: CONNECTING means the browser will retry, CLOSED that it gave up. */
  fail(readyState: 0 | 2): void {
    this.readyState = readyState;
    this.dispatch(new Event('error'));
  }

  listenerCount(type: string): number {
    return this.listeners.get(type)?.size ?? 0;
  }

  private dispatch(event: Event): void {
    if (this.closed) return;
    for (const listener of this.listeners.get(event.type) ?? []) {
      if (typeof listener === 'function') listener.call(this, event);
      else listener.handleEvent(event);
    }
  }
}
