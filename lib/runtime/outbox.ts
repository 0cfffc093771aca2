import type { ChatEvent } from '../stats/events';

/**
 * Events wait here until the background acknowledges them. A failed send (the service worker was
 * stopped, the extension reloaded) keeps them and retries with back-off; ids make a retry harmless.
 */
export class Outbox {
  private queue: ChatEvent[] = [];
  private inFlight = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private delay = 0;
  lastError: string | null = null;

  constructor(
    private readonly send: (events: ChatEvent[]) => Promise<unknown>,
    private readonly opts: {
      batch?: number;
      minDelayMs?: number;
      maxDelayMs?: number;
      /** Called with what still waits, after every change: the page keeps it where a reload finds it. */
      persist?: (pending: readonly ChatEvent[]) => void;
    } = {},
  ) {}

  private save(): void {
    try {
      this.opts.persist?.(this.queue);
    } catch {
      // Keeping a copy is best effort; the queue in memory still delivers.
    }
  }

  get pending(): number {
    return this.queue.length;
  }

  push(events: ChatEvent[]): void {
    if (events.length === 0) return;
    this.queue.push(...events);
    this.save();
    void this.flush();
  }

  async flush(): Promise<void> {
    if (this.inFlight || this.queue.length === 0) return;
    this.inFlight = true;
    const batch = this.queue.slice(0, this.opts.batch ?? 200);
    try {
      await this.send(batch);
      this.queue.splice(0, batch.length);
      this.delay = 0;
      this.lastError = null;
      this.save();
    } catch (e) {
      this.lastError = e instanceof Error ? e.message : String(e);
      const min = this.opts.minDelayMs ?? 500;
      this.delay = Math.min(this.delay ? this.delay * 2 : min, this.opts.maxDelayMs ?? 10_000);
      this.save(); // refreshes the copy's age: a live page's queue is not taken for an orphan
    } finally {
      this.inFlight = false;
    }
    if (this.queue.length === 0) return;
    if (this.delay === 0) return this.flush();
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.flush();
      }, this.delay);
    }
  }
}
