import { mapConcurrent, type RequestOptions } from '@prakerja-kit/core';
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

/** A schedule with its live seats attached. */
export type WithSeats<S> = S & { seats: Seats };

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
  /** Clock for the cache, in milliseconds. @default Date.now */
  now?: (() => number) | undefined;
}

/** The catalogue helper: live seats for many schedules at once. */
export interface Catalogue {
  /**
   * Returns each schedule (in order, with all its own fields) plus `seats`, looked up through
   * quota-schedule with bounded concurrency, a short cache, and one lookup per schedule even
   * when several pages ask at once. A failing schedule gets `seats.status === 'unknown'`; the
   * call itself does not reject because of it.
   *
   * @example
   * const page = await catalogue.withSeats(schedules);
   * const open = page.filter((s) => s.seats.status === 'known' && !s.seats.soldOut);
   */
  withSeats<S extends { courseCode: string; scheduleCode: string }>(
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
  const cache = new TtlCache<Quota>(
    options.ttlMs ?? 15_000,
    options.maxEntries ?? 5000,
    options.now ?? Date.now,
  );
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
        return { ...schedule, seats };
      });
    },
    invalidate(schedule) {
      cache.clear(schedule === undefined ? undefined : keyOf(schedule));
    },
  };
}
