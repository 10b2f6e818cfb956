import type { Logger } from '../logging/logger.js';

/** How the transport reads and corrects time. */
export interface ClockOptions {
  /** Milliseconds since the epoch. @default Date.now */
  now?: (() => number) | undefined;
  /**
   * Add the measured offset from the program's `Date` header to signed timestamps.
   * @default false
   */
  correctSkew?: boolean | undefined;
  /**
   * Warn once when the local clock differs from the program's by more than this many seconds.
   * @default 30
   */
  warnAfterSeconds?: number | undefined;
}

/** The transport's view of time: local clock plus an observed offset from the server. */
export interface Clock {
  /** Seconds since the epoch to put in `timestamp` (corrected when enabled). */
  timestamp(): number;
  /** Seconds currently added to signed timestamps (0 unless `correctSkew` is on). */
  correction(): number;
  /** Milliseconds since the epoch, uncorrected. */
  nowMs(): number;
  /** Server time minus local time, in seconds, from the last `Date` header seen. */
  readonly offsetSeconds: number;
  /** Feeds a response `Date` header measured between `sentAt` and `receivedAt`. */
  observe(dateHeader: string | null, sentAt: number, receivedAt: number): void;
}

/** Creates the clock used by a transport. */
export function createClock(options: ClockOptions, logger: Logger): Clock {
  const now = options.now ?? Date.now;
  const warnAfter = options.warnAfterSeconds ?? 30;
  let offset = 0;
  let warned = false;
  // The Date header has one-second resolution: ignore offsets smaller than that noise.
  const correction = () => (options.correctSkew && Math.abs(offset) >= 2 ? offset : 0);
  // Responses within the same second carry the same header: parse it once.
  let lastHeader = '';
  let lastServerMs = Number.NaN;
  return {
    timestamp: () => Math.floor(now() / 1000) + correction(),
    correction,
    nowMs: now,
    get offsetSeconds() {
      return offset;
    },
    observe(dateHeader, sentAt, receivedAt) {
      if (!dateHeader) return 0;
      if (dateHeader !== lastHeader) {
        lastHeader = dateHeader;
        lastServerMs = Date.parse(dateHeader);
      }
      const serverMs = lastServerMs;
      if (Number.isNaN(serverMs)) return 0;
      offset = Math.round((serverMs - (sentAt + receivedAt) / 2) / 1000);
      if (!warned && Math.abs(offset) > warnAfter) {
        warned = true;
        logger.warn('local clock differs from the program clock; signatures may be rejected', {
          offsetSeconds: offset,
          fix: options.correctSkew
            ? 'timestamps are being corrected by the measured offset'
            : 'sync the host clock (NTP) or pass clock: { correctSkew: true }',
        });
      }
    },
  };
}
