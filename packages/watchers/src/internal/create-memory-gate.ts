import type { RateGate, RateLimit, WatchClock } from '../types.js';
import { sleepOn } from './sleep-on.js';

/**
 * An in-process {@link RateGate}: a sliding-window log (at most `max` calls in any window of
 * `durationMs`, exactly) and a pause, on the injected clock.
 */
export function createMemoryGate(limit: RateLimit | undefined, clock: WatchClock): RateGate {
  const log: number[] = [];
  let pausedUntil = 0;
  const sleep = (ms: number) => sleepOn(clock, ms);
  // Calls are let through one at a time, in arrival order.
  let queue: Promise<void> = Promise.resolve();
  async function admit(cost: number): Promise<void> {
    for (;;) {
      const now = clock.now();
      if (pausedUntil > now) {
        await sleep(pausedUntil - now);
        continue;
      }
      if (!limit) return;
      while (log.length > 0 && (log[0] as number) <= now - limit.durationMs) log.shift();
      if (log.length + cost <= limit.max || log.length === 0) {
        for (let index = 0; index < cost; index++) log.push(now);
        return;
      }
      const oldest = log[Math.max(0, log.length + cost - limit.max - 1)] as number;
      await sleep(Math.max(1, oldest + limit.durationMs - now));
    }
  }
  return {
    take(cost) {
      const turn = queue.then(() => admit(cost));
      queue = turn.catch(() => undefined);
      return turn;
    },
    async pause(untilMs) {
      pausedUntil = Math.max(pausedUntil, untilMs);
    },
  };
}
