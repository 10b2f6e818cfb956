import {
  createCatalogue,
  createPaymentWatcher,
  type FollowedOutcome,
  type PaymentEvent,
  type PlatformClient,
} from '@prakerja-kit/platform';

/** A schedule as your own catalogue stores it (the program has no catalogue endpoint). */
export interface ListedSchedule {
  courseCode: string;
  scheduleCode: string;
  title: string;
  startsAt: string; // ISO-8601: a schedule that has started can no longer be bought
}

// #region seats
/** Live seats for a page of schedules: bounded concurrency, a 15 s cache, one lookup each. */
export function createStorefront(client: PlatformClient) {
  const catalogue = createCatalogue(client, { concurrency: 8, ttlMs: 15_000 });
  return async function openSchedules(page: ListedSchedule[]) {
    const withSeats = await catalogue.withSeats(page);
    // Only what can be bought now: not started, window open, seats known to remain. Others
    // carry `reason` ('started', 'sold_out', 'seats_unknown'...) to show instead of "Beli".
    return withSeats.filter((item) => item.purchasable);
  };
}
// #endregion

// #region watcher
/**
 * Turns payment-status polling into payment.authorized / payment.voided events, and settles
 * the `unknown` outcomes handed to it (`{ follow: watcher }` on authorize and void).
 */
export function watchPayments(
  client: PlatformClient,
  handle: (event: PaymentEvent) => Promise<void>,
  settle: (outcome: FollowedOutcome) => Promise<void> = async () => {},
) {
  return createPaymentWatcher(client, {
    onEvent: handle, // if it throws, the same event (same id) comes again on the next poll
    onOutcome: settle, // purchased, voided, not_voided, or not_purchased once it cannot commit
    intervalMs: 5_000, // first delay, doubled while nothing changes...
    maxIntervalMs: 60_000, // ...up to a minute
  });
}
// #endregion
