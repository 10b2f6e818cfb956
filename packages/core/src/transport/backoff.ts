/** Retry timing. */
export interface RetryOptions {
  /**
   * Retries after a retryable failure.
   * @default 2
   */
  maxRetries?: number | undefined;
  /** First delay in milliseconds, doubled each attempt. @default 500 */
  baseDelayMs?: number | undefined;
  /** Cap on one delay in milliseconds. @default 8000 */
  maxDelayMs?: number | undefined;
  /** Longest `Retry-After` honoured, in seconds; a longer one fails the call at once. @default 60 */
  maxRetryAfterSeconds?: number | undefined;
}

/** Jittered exponential backoff: a random delay between half and all of `base * 2^(attempt-1)`, capped. */
export function backoffDelay(attempt: number, options: RetryOptions, random = Math.random): number {
  const base = options.baseDelayMs ?? 500;
  const cap = options.maxDelayMs ?? 8000;
  const ceiling = Math.min(cap, base * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Parses `Retry-After` (seconds or an HTTP date) into seconds; undefined when absent or invalid. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, (date - nowMs) / 1000);
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * How long to wait before retrying a retryable failure, or `undefined` when the call fails now:
 * no retries left, or a `Retry-After` longer than `maxRetryAfterSeconds`. The program's
 * `Retry-After` wins over the backoff. `retries` is the number of retries already made.
 */
export function retryDelay(
  retryAfter: number | undefined,
  retries: number,
  maxRetries: number,
  options: RetryOptions,
  random = Math.random,
): number | undefined {
  if (retries >= maxRetries) return undefined;
  if (retryAfter === undefined) return backoffDelay(retries + 1, options, random);
  if (retryAfter > (options.maxRetryAfterSeconds ?? 60)) return undefined;
  return Math.ceil(retryAfter * 1000);
}
