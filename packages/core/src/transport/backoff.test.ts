import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay, parseRetryAfter, retryDelay, sleep } from './backoff.js';

describe('backoffDelay', () => {
  it('doubles from the base delay, with jitter between half and all of it, and caps', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        (attempt, random) => {
          const delay = backoffDelay(attempt, { baseDelayMs: 100, maxDelayMs: 3000 }, () => random);
          const ceiling = Math.min(3000, 100 * 2 ** (attempt - 1));
          expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
          expect(delay).toBeLessThanOrEqual(ceiling);
        },
      ),
    );
  });

  it('gives exact delays for a given random value', () => {
    const options = { baseDelayMs: 100, maxDelayMs: 3000 };
    expect([1, 2, 3, 6, 7].map((attempt) => backoffDelay(attempt, options, () => 0))).toEqual([
      50, 100, 200, 1500, 1500,
    ]);
    expect([1, 2, 3, 6, 7].map((attempt) => backoffDelay(attempt, options, () => 0.5))).toEqual([
      75, 150, 300, 2250, 2250,
    ]);
  });

  it('uses 500 ms and 8 s by default', () => {
    expect(backoffDelay(1, {}, () => 1)).toBe(500);
    expect(backoffDelay(10, {}, () => 1)).toBe(8000);
  });
});

describe('retryDelay', () => {
  it("waits the backoff, or the program's Retry-After, while retries remain", () => {
    expect(retryDelay(undefined, 0, 2, { baseDelayMs: 100 }, () => 0)).toBe(50);
    expect(retryDelay(undefined, 1, 2, { baseDelayMs: 100 }, () => 0)).toBe(100);
    expect(retryDelay(1.2, 1, 2, {})).toBe(1200);
    expect(retryDelay(60, 0, 2, {})).toBe(60_000);
  });

  it('fails at once when no retries remain or Retry-After is past the cap', () => {
    expect(retryDelay(undefined, 2, 2, {})).toBeUndefined();
    expect(retryDelay(undefined, 0, 0, {})).toBeUndefined();
    expect(retryDelay(61, 0, 2, {})).toBeUndefined();
    expect(retryDelay(5, 0, 2, { maxRetryAfterSeconds: 4 })).toBeUndefined();
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, and ignores garbage', () => {
    const now = Date.parse('2026-11-24T00:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7);
    expect(parseRetryAfter('Tue, 24 Nov 2026 00:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('Mon, 23 Nov 2026 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter(' ', now)).toBeUndefined();
  });
});

describe('sleep', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('rejects at once with an already aborted signal', async () => {
    await expect(sleep(1000, AbortSignal.abort(new Error('stop')))).rejects.toThrow('stop');
  });

  it('resolves after the delay, not a millisecond before', async () => {
    let done = false;
    const slept = sleep(1000).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await slept;
    expect(done).toBe(true);
  });

  it('rejects with the reason when the signal aborts while it waits, and clears its timer', async () => {
    const controller = new AbortController();
    const slept = sleep(1000, controller.signal);
    await vi.advanceTimersByTimeAsync(400);
    controller.abort(new Error('stop'));
    await expect(slept).rejects.toThrow('stop');
    expect(vi.getTimerCount()).toBe(0);
  });
});
