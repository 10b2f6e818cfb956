import type { WatchClock } from '../types.js';

/** Resolves after `ms` milliseconds on the injected clock (a manual clock in tests). */
export function sleepOn(clock: WatchClock, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    clock.setTimeout(resolve, ms);
  });
}
