import type { RequestOptions } from '@prakerja-kit/core';
import { mapConcurrent } from '@prakerja-kit/core/internal';
import type { PlatformClient } from './client.js';
import { TtlCache } from './internal/ttl-cache.js';
import type { Quota } from './schemas/quota.js';

/** Live seats of one schedule, or why they are unknown. Switch on `status`. */
export type Seats =
  | {
      status: 'known';
      /** Seats left (quota-schedule `data.quota`). */
      remaining: number;
      /** True when no seat is left. */
      soldOut: boolean;
      /** True when this came from the catalogue's cache (or a lookup already in flight). */
      fromCache: boolean;
    }
  | {
      status: 'unknown';
      /** Why the lookup failed; the other schedules of the page are unaffected. */
      error: unknown;
    };

/**
 * Why a schedule cannot be bought now:
 * - `started`: its start time has passed (send-otp refuses purchases once a course started);
 * - `purchase_window_closed`: the schedule's `purchaseClosesAt`, or the catalogue's
 *   `closeBeforeStartMs` before the start, has passed;
 * - `sold_out`: no seat left;
 * - `seats_unknown`: the live seat count could not be read;
 * - `start_unknown`: no (readable) start time was given, so it cannot be shown not to have
 *   started.
 */
export type NotPurchasableReason =
  | 'started'
  | 'purchase_window_closed'
  | 'sold_out'
  | 'seats_unknown'
  | 'start_unknown';

/** Whether a schedule can be offered for purchase now. Switch on `purchasable`. */
export type Purchasability =
  | { purchasable: true; reason: undefined }
  | { purchasable: false; reason: NotPurchasableReason };

/**
 * A schedule with its live seats, its start time (`startsAt`, ISO-8601, from the schedule's
 * `startsAt` or `startAt`) and whether it can be bought now.
 */
export type WithSeats<S> = S & { seats: Seats; startsAt: string | undefined } & Purchasability;

/** What {@link Catalogue.withSeats} reads from each schedule. */
export interface CatalogueSchedule {
  /** The program's course code. */
  courseCode: string;
  /** The program's schedule code. */
  scheduleCode: string;
  /** Start, ISO-8601 (as on `Schedule`). */
  startsAt?: string | undefined;
  /** Start, ISO-8601: accepted as a synonym of `startsAt`. */
  startAt?: string | undefined;
  /** When sales close, ISO-8601, if earlier than the start. */
  purchaseClosesAt?: string | undefined;
}

/** Options of {@link createCatalogue}. */
export interface CatalogueOptions {
  /**
   * Quota lookups in flight at once.
   * @default 8
   */
  concurrency?: number | undefined;
  /**
   * Milliseconds a seat count is reused. Keep it short: seats sell out.
   * @default 15000
   */
  ttlMs?: number | undefined;
  /**
   * Most schedules kept in the cache; the oldest go first.
   * @default 5000
   */
  maxEntries?: number | undefined;
  /**
   * Sales close this many milliseconds before a schedule starts (besides any per-schedule
   * `purchaseClosesAt`). The program only documents that purchases stop at the start.
   * @default 0
   */
  closeBeforeStartMs?: number | undefined;
  /** Clock for the cache and the purchase window, in milliseconds. @default Date.now */
  now?: (() => number) | undefined;
}

/** The catalogue helper: live seats for many schedules at once. */
export interface Catalogue {
  /**
   * Returns each schedule (in order, with all its own fields) plus `seats`, looked up through
   * quota-schedule with bounded concurrency, a short cache, and one lookup per schedule even
   * when several pages ask at once, plus `startsAt` and `purchasable` (with `reason` when
   * false). A schedule is purchasable only when its start is known and in the future, its
   * purchase window is open, and seats are known to remain: a started schedule never is. A
   * failing schedule gets `seats.status === 'unknown'`; the call itself does not reject
   * because of it.
   *
   * @example
   * const page = await catalogue.withSeats(schedules);
   * const open = page.filter((s) => s.purchasable);
   */
  withSeats<S extends CatalogueSchedule>(
    schedules: readonly S[],
    options?: RequestOptions,
  ): Promise<WithSeats<S>[]>;
  /** Forgets cached seats: of one schedule, or all of them (e.g. after a purchase). */
  invalidate(schedule?: { courseCode: string; scheduleCode: string }): void;
}

const keyOf = (schedule: { courseCode: string; scheduleCode: string }) =>
  `${schedule.courseCode}\u0000${schedule.scheduleCode}`;

/**
 * Creates a catalogue helper over a platform client. The program has no catalogue endpoint:
 * you hold courses and schedules, and this adds live seats to them (an SDK helper, not a
 * program feature).
 *
 * @example
 * const catalogue = createCatalogue(client, { concurrency: 16 });
 * const page = await catalogue.withSeats(schedules);
 */
export function createCatalogue(client: PlatformClient, options: CatalogueOptions = {}): Catalogue {
  const concurrency = options.concurrency ?? 8;
  const now = options.now ?? Date.now;
  const closeBeforeStartMs = options.closeBeforeStartMs ?? 0;
  const purchasability = (
    startsAt: string | undefined,
    closesAt: string | undefined,
    seats: Seats,
  ): Purchasability => {
    const start = startsAt === undefined ? Number.NaN : Date.parse(startsAt);
    const at = now();
    const no = (reason: NotPurchasableReason): Purchasability => ({ purchasable: false, reason });
    if (Number.isNaN(start)) return no('start_unknown');
    if (at >= start) return no('started');
    const close = closesAt === undefined ? Number.NaN : Date.parse(closesAt);
    if (at >= start - closeBeforeStartMs || (!Number.isNaN(close) && at >= close)) {
      return no('purchase_window_closed');
    }
    if (seats.status === 'unknown') return no('seats_unknown');
    if (seats.soldOut) return no('sold_out');
    return { purchasable: true, reason: undefined };
  };
  const cache = new TtlCache<Quota>(options.ttlMs ?? 15_000, options.maxEntries ?? 5000, now);
  return {
    withSeats(schedules, requestOptions) {
      return mapConcurrent(schedules, concurrency, async (schedule) => {
        const { promise, hit } = cache.get(keyOf(schedule), () =>
          client.quotas.retrieve(
            { courseCode: schedule.courseCode, scheduleCode: schedule.scheduleCode },
            requestOptions,
          ),
        );
        let seats: Seats;
        try {
          const { quota } = await promise;
          seats = { status: 'known', remaining: quota, soldOut: quota <= 0, fromCache: hit };
        } catch (error) {
          seats = { status: 'unknown', error };
        }
        const startsAt = schedule.startsAt ?? schedule.startAt;
        return {
          ...schedule,
          seats,
          startsAt,
          ...purchasability(startsAt, schedule.purchaseClosesAt, seats),
        };
      });
    },
    invalidate(schedule) {
      cache.clear(schedule === undefined ? undefined : keyOf(schedule));
    },
  };
}
