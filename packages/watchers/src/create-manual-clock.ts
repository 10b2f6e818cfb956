import type { WatchClock } from './types.js';

/** A {@link WatchClock} that moves only when told: for tests without sleeps. */
export interface ManualClock extends WatchClock {
  /** Moves time forward by `ms`, running each timer that falls due (in order) and letting the
   * promises it starts settle before the next. */
  advance(ms: number): Promise<void>;
  /** Lets pending promise callbacks run without moving time. */
  flush(): Promise<void>;
  /** Timers not yet run. */
  readonly pendingTimers: number;
}

interface Timer {
  id: number;
  at: number;
  callback: () => void;
}

// Several event-loop turns (setImmediate on Node, microtasks elsewhere): enough for the chains
// of awaits a timer starts to settle before the next timer runs.
async function settle(): Promise<void> {
  const turn: (callback: () => void) => void =
    (globalThis as { setImmediate?: (callback: () => void) => void }).setImmediate ??
    queueMicrotask;
  for (let index = 0; index < 20; index++) await new Promise<void>((resolve) => turn(resolve));
}

/**
 * Creates a manual clock starting at `start` (epoch milliseconds).
 *
 * @example
 * const clock = createManualClock();
 * const watcher = createWatcher({ kind, onEvent, clock });
 * watcher.start();
 * await clock.advance(5_000); // the polls due within 5 s ran
 */
export function createManualClock(start = 0): ManualClock {
  let time = start;
  let nextId = 1;
  const timers: Timer[] = [];
  return {
    now: () => time,
    setTimeout(callback, ms) {
      const timer = { id: nextId++, at: time + Math.max(0, ms), callback };
      timers.push(timer);
      return timer.id;
    },
    clearTimeout(handle) {
      const index = timers.findIndex((timer) => timer.id === handle);
      if (index >= 0) timers.splice(index, 1);
    },
    async advance(ms) {
      const end = time + ms;
      await settle();
      for (;;) {
        timers.sort((a, b) => a.at - b.at || a.id - b.id);
        const timer = timers[0];
        if (!timer || timer.at > end) break;
        timers.shift();
        time = Math.max(time, timer.at);
        timer.callback();
        await settle();
      }
      time = end;
      await settle();
    },
    flush: settle,
    get pendingTimers() {
      return timers.length;
    },
  };
}

/** The real clock: `Date.now` and the global timers (so `vi.useFakeTimers()` drives it too). */
export const realClock: WatchClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};
