import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { backoffDelay, type Backoff } from './backoff';

const tracer = trace.getTracer('@rekey/background');

/**
 * What a tick did: `idle` found nothing to do (no span), `worked` did some, `more` did a full
 * batch and more is waiting, so the next tick starts at once instead of after the interval.
 */
export type TickOutcome = 'idle' | 'worked' | 'more';

/** The outcome of a tick that handled `done` rows in batches of `batch`: a full batch means more wait. */
export function batchOutcome(done: number, batch: number): TickOutcome {
  return done === 0 ? 'idle' : done >= batch ? 'more' : 'worked';
}

/** The little a loop says: a failed tick, with the error's message (never its data). */
export interface BackgroundLoopLog {
  warn(message: string, fields: Record<string, unknown>): void;
}

export interface BackgroundLoopOptions {
  /** Names the span of each working tick and the log lines of failed ones. */
  name: string;
  /** Between the end of one tick and the start of the next. */
  intervalMs: number;
  /**
   * One pass of the work. `signal` aborts when the loop stops: long ticks may end early at a safe
   * point. Returning nothing counts as `worked`. A throw is logged and retried after a backoff.
   */
  tick: (signal: AbortSignal) => Promise<TickOutcome | void>;
  log: BackgroundLoopLog;
  /** After consecutive failures; by default from one interval up to ten. */
  backoff?: Backoff;
  /** The first tick starts at once rather than after one interval. */
  runAtStart?: boolean;
  /** For deterministic tests of the backoff. */
  random?: () => number;
  /**
   * The wait after a tick that worked, if not `intervalMs`. `wake()` never cuts it short, so what
   * arrives meanwhile is taken together by the next tick (the outbox relay gathers commits so).
   */
  workedIntervalMs?: number;
  /** The wait after an idle tick, if not `intervalMs`: less when something falls due sooner. */
  idleIntervalMs?: () => number;
  /**
   * Leave a span per working or failed tick (the default). A loop whose work traces itself under
   * its causes (the outbox relay's publish spans) turns it off rather than add a trace per tick.
   */
  traceTicks?: boolean;
}

/**
 * A named periodic task: ticks never overlap, a failed tick is logged and retried after an
 * exponential backoff (reset by the next success), and `stop` waits for the tick in flight. Its
 * timers never keep a process alive on their own.
 *
 * Each tick that did work (or failed) leaves one root span named after the loop, recorded once the
 * tick has ended: an idle tick leaves none, so a quiet service exports no trace per interval, and
 * the spans a tick's steps start (root spans linked to their causes, see `inBackgroundSpan` in
 * @rekey/observability) stay the roots of their own traces.
 */
export class BackgroundLoop {
  private readonly backoff: Backoff;
  private controller: AbortController | undefined;
  private loop: Promise<void> | undefined;
  private interrupt: (() => void) | undefined;
  private endIdleWait: (() => void) | undefined;
  private wakePending = false;

  constructor(private readonly options: BackgroundLoopOptions) {
    this.backoff = options.backoff ?? {
      initialDelayMs: options.intervalMs,
      maxDelayMs: 10 * options.intervalMs,
    };
  }

  get running(): boolean {
    return this.loop !== undefined;
  }

  start(): void {
    if (this.loop) return;
    const controller = new AbortController();
    this.controller = controller;
    this.loop = this.run(controller.signal);
  }

  /**
   * Work has arrived (a notification): the wait after an idle tick ends now. A wake while a tick
   * runs, or during another wait, ends the next idle wait at once, so no arrival is missed.
   */
  wake(): void {
    if (this.endIdleWait) this.endIdleWait();
    else this.wakePending = true;
  }

  /** Lets the tick in flight end (its signal aborted), then resolves; no tick starts after. */
  async stop(): Promise<void> {
    this.controller?.abort();
    this.interrupt?.();
    await this.loop;
    this.loop = undefined;
    this.controller = undefined;
  }

  private async run(signal: AbortSignal): Promise<void> {
    let failures = 0;
    if (!this.options.runAtStart) await this.sleep(this.options.intervalMs, signal);
    while (!signal.aborted) {
      let outcome: TickOutcome = 'idle';
      try {
        outcome = await this.tickOnce(signal);
        failures = 0;
      } catch (error) {
        failures += 1;
        this.options.log.warn(`${this.options.name} failed; retrying`, {
          loop: this.options.name,
          error: error instanceof Error ? error.message : String(error),
          failures,
        });
      }
      if (signal.aborted) break;
      if (failures === 0 && outcome === 'more') {
        // Straight on, but through the event loop, so timers and I/O are never starved.
        await new Promise((resolve) => setImmediate(resolve));
        continue;
      }
      if (failures > 0) await this.sleep(backoffDelay(this.backoff, failures, this.options.random), signal);
      else if (outcome === 'idle')
        await this.sleep(this.options.idleIntervalMs?.() ?? this.options.intervalMs, signal, true);
      else await this.sleep(this.options.workedIntervalMs ?? this.options.intervalMs, signal);
    }
  }

  private async tickOnce(signal: AbortSignal): Promise<TickOutcome> {
    const startTime = new Date();
    let outcome: TickOutcome;
    try {
      outcome = (await this.options.tick(signal)) ?? 'worked';
    } catch (error) {
      if (this.options.traceTicks !== false) this.record(startTime, 'failed', error);
      throw error;
    }
    if (outcome !== 'idle' && this.options.traceTicks !== false) this.record(startTime, outcome);
    return outcome;
  }

  private record(startTime: Date, outcome: string, error?: unknown): void {
    const span = tracer.startSpan(
      this.options.name,
      {
        root: true,
        kind: SpanKind.INTERNAL,
        startTime,
        attributes: { 'rekey.loop.name': this.options.name, 'rekey.loop.outcome': outcome },
      },
      ROOT_CONTEXT,
    );
    if (error !== undefined) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
    span.end();
  }

  /** Ended early by `stop()`, and by `wake()` when `wakeable` (the wait after an idle tick). */
  private sleep(ms: number, signal: AbortSignal, wakeable = false): Promise<void> {
    if (signal.aborted) return Promise.resolve();
    if (wakeable && this.wakePending) {
      this.wakePending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.interrupt = undefined;
        this.endIdleWait = undefined;
        if (wakeable) this.wakePending = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref();
      this.interrupt = done;
      if (wakeable) this.endIdleWait = done;
    });
  }
}
