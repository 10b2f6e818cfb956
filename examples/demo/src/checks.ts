import { formatIdr } from '@example/payment-partner';
import type { JourneyResult } from './journey.js';
import { ATTENDANCE_SEQUENCES, POST_TEST } from './journey.js';
import type { World } from './world.js';

/** One consistency check of the end state. */
export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/**
 * Checks the end state through the program API and the sandbox's control plane: exactly one
 * purchase per invoice, seats and balance moved once, every sequence verified, one completion,
 * one disbursement paid once, nothing left pending.
 */
export async function checkConsistency(world: World, journey: JourneyResult): Promise<Check[]> {
  const { control } = world.sandbox;
  const { platform, provider } = world;
  const checks: Check[] = [];
  const check = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });

  const purchases = control.transactions
    .list()
    .filter((item) => item.invoiceCode === journey.invoiceCode);
  const payment = await platform.payments.retrieve({ invoiceCode: journey.invoiceCode });
  check(
    'one purchase per invoice',
    purchases.length === 1 && payment.state === 'authorized',
    `${purchases.length} transaction, status ${payment.status}`,
  );

  const voided = await platform.payments.retrieve({ invoiceCode: journey.voidedInvoiceCode });
  check('the voided purchase stays voided', voided.state === 'voided', `status ${voided.status}`);

  // The second purchase may have been committed after the client gave up (`--faults`): it must
  // have been followed to `purchased`, never reported as not bought, and charged once.
  const second = control.transactions
    .list()
    .filter((item) => item.invoiceCode === journey.voidedInvoiceCode);
  const wrong = journey.followed.filter((item) => item.outcome === 'not_purchased');
  check(
    'no purchase the program committed reported as not bought',
    second.length === 1 && wrong.length === 0,
    `${second.length} transaction; followed: ${journey.followed.map((item) => item.outcome).join(', ') || 'none needed'}`,
  );

  const quota = await platform.quotas.retrieve({
    courseCode: journey.course.courseCode,
    scheduleCode: journey.scheduleCode,
  });
  check(
    'one seat taken',
    quota.quota === journey.seatsBefore - 1,
    `${journey.seatsBefore} → ${quota.quota} seats`,
  );

  const balance = control.state.export().balances[journey.buyer.prakerjaId];
  check(
    'balance charged once',
    balance === journey.buyer.balance - journey.course.price,
    `${formatIdr(journey.buyer.balance)} → ${formatIdr(balance ?? 0)}`,
  );

  const progress = await provider.completion.retrieve({
    redeemCode: journey.redeemCode,
    attendanceSequences: ATTENDANCE_SEQUENCES,
    tpmSequences: [1],
  });
  const verified = progress.attendance.filter((item) => item.verified).length;
  check(
    `attendance ${ATTENDANCE_SEQUENCES.join(', ')} and post-test ${POST_TEST} verified`,
    verified === ATTENDANCE_SEQUENCES.length && progress.postTest.verified,
    `${verified}/${ATTENDANCE_SEQUENCES.length} + post-test ${progress.postTest.verified ? 'yes' : 'no'}`,
  );
  check(
    'course complete',
    progress.completion === 'complete' && !progress.partial,
    `completion: ${progress.completion}`,
  );

  const feedback = control.state
    .export()
    .assignments.filter(
      (item) => item.kind === 'feedback' && item.redeemCode === journey.redeemCode,
    );
  check(
    'one feedback per assignment',
    feedback.length === 2,
    `${feedback.length} feedback records (TPM 1, UK)`,
  );

  const requested = control.events.list('incentive.disbursement_requested');
  const paid = world.ledger.entries().filter((entry) => entry.kind === 'paid');
  check(
    'one disbursement, paid once',
    requested.length === 1 &&
      paid.length === 1 &&
      paid[0]?.disbursement_id === requested[0]?.data['disbursement_id'],
    `${requested.length} requested, ${paid.length} paid`,
  );

  const pending = control.deliveries.list({ status: 'pending' }).length;
  const failed = control.deliveries.list({ status: 'failed' }).length;
  check(
    'every delivery acknowledged',
    pending === 0 && failed === 0,
    `${pending} pending, ${failed} failed`,
  );
  return checks;
}
