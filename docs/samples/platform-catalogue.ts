import {
  createCatalogue,
  createPaymentWatcher,
  type PaymentEvent,
  type PlatformClient,
} from '@prakerja-kit/platform';

/** A schedule as your own catalogue stores it (the program has no catalogue endpoint). */
export interface ListedSchedule {
  courseCode: string;
  scheduleCode: string;
  title: string;
}

// #region seats
/** Live seats for a page of schedules: bounded concurrency, a 15 s cache, one lookup each. */
export function createStorefront(client: PlatformClient) {
  const catalogue = createCatalogue(client, { concurrency: 8, ttlMs: 15_000 });
  return async function openSchedules(page: ListedSchedule[]) {
    const withSeats = await catalogue.withSeats(page);
    // A failed lookup marks only that schedule `unknown`; show it, but do not sell it blindly.
    return withSeats.filter((item) => item.seats.status === 'known' && !item.seats.soldOut);
  };
}
// #endregion

// #region watcher
/** Turns payment-status polling into payment.authorized / payment.voided events. */
export function watchPayments(
  client: PlatformClient,
  handle: (event: PaymentEvent) => Promise<void>,
) {
  return createPaymentWatcher(client, {
    onEvent: handle, // if it throws, the same event (same id) comes again on the next poll
    intervalMs: 5_000, // first delay, doubled while nothing changes...
    maxIntervalMs: 60_000, // ...up to a minute
  });
}
// #endregion
