import { chatEvent, type ChatEvent } from '../stats/events';

/** How the background words a request it refuses for what it is (see handler.ts): never worth a retry. */
export const REFUSED = 'invalid message';

/**
 * Whether a failed send is the background refusing what was sent ("invalid message: …"), as opposed
 * to a background that is asleep, reloading or out of storage, which a retry cures. A ZodError is not
 * a refusal: events are checked against the request's schema when pushed, so one comes from parsing a
 * missing or malformed answer (no listener answered), and dropping events over that would lose them.
 */
export function isRefusal(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return message.startsWith(`${REFUSED}:`);
}

/** What the page's own schema says of an event: null when it is fine. */
export function eventProblem(event: unknown): string | null {
  const r = chatEvent.safeParse(event);
  return r.success ? null : r.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}

/** An event that was not delivered and never will be, and why. */
export interface SetAsideEvent {
  event: ChatEvent;
  error: string;
}

/** Set-aside events kept for diagnostics (the oldest go first). */
const KEEP_SET_ASIDE = 50;

/**
 * Events wait here until the background acknowledges them. A failed send (the service worker was
 * stopped, the extension reloaded) keeps them and retries with back-off; ids make a retry harmless.
 *
 * An event that can never be stored must not hold up the ones behind it: one the schema refuses is set
 * aside when it is pushed, and a batch the background refuses (a validation error, not an absence) is
 * halved until the refused event is alone, which is then set aside. Set-aside events leave the queue
 * and its persisted copy, and are counted in `setAside`.
 */
export class Outbox {
  private queue: ChatEvent[] = [];
  private inFlight = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private delay = 0;
  /** While a refused batch is being narrowed down: the size of the batches sent. */
  private probe: number | null = null;
  lastError: string | null = null;
  /** The latest events set aside (at most 50), oldest first. */
  readonly setAside: SetAsideEvent[] = [];
  /** Every event set aside since the page loaded. */
  setAsideCount = 0;

  constructor(
    private readonly send: (events: ChatEvent[]) => Promise<unknown>,
    private readonly opts: {
      batch?: number;
      minDelayMs?: number;
      maxDelayMs?: number;
      /** Called with what still waits, after every change: the page keeps it where a reload finds it. */
      persist?: (pending: readonly ChatEvent[]) => void;
      /** What is wrong with an event before it is queued; default the contract's schema (`eventProblem`). */
      check?: (event: ChatEvent) => string | null;
      /** Told of every event set aside. */
      onSetAside?: (item: SetAsideEvent) => void;
      /** Whether a send failure is a refusal (default `isRefusal`). */
      isRefusal?: (error: unknown) => boolean;
    } = {},
  ) {}

  private save(): void {
    try {
      this.opts.persist?.(this.queue);
    } catch {
      // Keeping a copy is best effort; the queue in memory still delivers.
    }
  }

  private putAside(event: ChatEvent, error: string): void {
    const item = { event, error };
    this.setAside.push(item);
    if (this.setAside.length > KEEP_SET_ASIDE) this.setAside.shift();
    this.setAsideCount++;
    try {
      this.opts.onSetAside?.(item);
    } catch {
      // A listener's failure is not the delivery's.
    }
  }

  get pending(): number {
    return this.queue.length;
  }

  push(events: ChatEvent[]): void {
    const check = this.opts.check ?? eventProblem;
    const ok = events.filter((e) => {
      const problem = check(e);
      if (problem !== null) this.putAside(e, problem);
      return problem === null;
    });
    if (ok.length === 0) return;
    this.queue.push(...ok);
    this.save();
    void this.flush();
  }

  async flush(): Promise<void> {
    if (this.inFlight || this.queue.length === 0) return;
    this.inFlight = true;
    const batch = this.queue.slice(0, this.probe ?? this.opts.batch ?? 200);
    try {
      await this.send(batch);
      this.queue.splice(0, batch.length);
      this.delay = 0;
      this.lastError = null;
      this.save();
    } catch (e) {
      this.lastError = e instanceof Error ? e.message : String(e);
      if ((this.opts.isRefusal ?? isRefusal)(e)) {
        // Refused for what it holds: a retry would be refused again. Halve the batch until the event
        // that is refused goes alone, then set it aside; the halves that pass are delivered on the way.
        if (batch.length === 1) {
          this.queue.shift();
          this.putAside(batch[0]!, this.lastError);
          this.probe = null;
          this.save();
        } else {
          this.probe = Math.ceil(batch.length / 2);
        }
        this.delay = 0;
      } else {
        const min = this.opts.minDelayMs ?? 500;
        this.delay = Math.min(this.delay ? this.delay * 2 : min, this.opts.maxDelayMs ?? 10_000);
        this.save(); // refreshes the copy's age: a live page's queue is not taken for an orphan
      }
    } finally {
      this.inFlight = false;
    }
    if (this.queue.length === 0) {
      this.probe = null;
      return;
    }
    if (this.delay === 0) return this.flush();
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.flush();
      }, this.delay);
    }
  }
}
