import { formatIdr, mask } from '@example/payment-partner';
import type { FollowedOutcome, OtpChallenge } from '@prakerja-kit/platform';
import {
  createCatalogue,
  createPaymentWatcher,
  describePurchaseError,
} from '@prakerja-kit/platform';
import type { SandboxCourse, SandboxParticipant } from '@prakerja-kit/sandbox';
import { SECOND_PURCHASE_TIMEOUT_MS } from './fault-plan.js';
import type { Reporter } from './reporter.js';
import type { World } from './world.js';

/** Attendance sequences of the demo course besides the post-test: redeem (1) and sessions 2-3. */
export const ATTENDANCE_SEQUENCES = [1, 2, 3] as const;
/** The post-test sequence. */
export const POST_TEST = 999;

/** What the journey produced, for the consistency checks. */
export interface JourneyResult {
  buyer: SandboxParticipant;
  course: SandboxCourse;
  scheduleCode: string;
  seatsBefore: number;
  invoiceCode: string;
  transactionCode: string;
  redeemCode: string;
  voidedInvoiceCode: string;
  /** Outcomes the payment watcher settled (a purchase committed after the client gave up). */
  followed: FollowedOutcome[];
  /** How each fault was absorbed where the app (not the SDK) had to act, by fault name. */
  appRecoveries: Map<string, string>;
}

const minutes = (iso: string, now: Date) => Math.round((Date.parse(iso) - now.getTime()) / 60_000);

/** Points where the demo injects something mid-journey. */
export interface JourneyHooks {
  /** Called right before the second purchase's send-otp. */
  beforeSecondPurchase?: (() => void) | undefined;
}

/** Runs the participant's whole journey: DP catalogue and purchase, LP course, completion. */
export async function runJourney(
  world: World,
  report: Reporter,
  hooks: JourneyHooks = {},
): Promise<JourneyResult> {
  const { sandbox, platform, provider } = world;
  const { fixtures, control } = sandbox;
  const appRecoveries = new Map<string, string>();
  const buyer = fixtures.participants[0]!;
  const lpEmail = 'budi.santoso@lms.example';

  // 1. Catalogue: the DP holds courses and schedules; the program gives live seats.
  let done = report.step('Catalogue with live seats', 'DP: payment/quota-schedule');
  const catalogue = createCatalogue(platform);
  const schedules = fixtures.schedules.map((item) => ({
    courseCode: item.courseCode,
    scheduleCode: item.scheduleCode,
    startAt: item.startAt,
  }));
  const page = await catalogue.withSeats(schedules);
  const now = control.clock.now();
  for (const entry of page.slice(0, 5)) {
    const course = fixtures.courses.find((item) => item.courseCode === entry.courseCode)!;
    const seats =
      entry.seats.status === 'known' ? `${entry.seats.remaining} seats` : 'seats unknown';
    const start = minutes(entry.startAt, now);
    const when =
      start < 0 ? 'started' : start < 120 ? `in ${start} min` : `in ${Math.round(start / 1440)} d`;
    report.detail(
      `${course.name.padEnd(30)} ${formatIdr(course.price).padStart(10)}  ${when.padEnd(10)} ${seats}`,
    );
  }
  const chosen = page[0]!;
  const course = fixtures.courses.find((item) => item.courseCode === chosen.courseCode)!;
  const seatsBefore = chosen.seats.status === 'known' ? chosen.seats.remaining : Number.NaN;
  done(
    `${page.length} schedules, ${page.filter((s) => s.seats.status === 'known').length} with live seats`,
  );

  // 2. Purchase: send-otp texts the buyer; authorize with the OTP completes it.
  done = report.step('Purchase with OTP', 'DP: send-otp, SMS, authorize');
  const invoiceCode = `INV-DEMO-${fixtures.seed}-0001`;
  const purchase = {
    prakerjaId: buyer.prakerjaId,
    userPlatformId: 'user-budi',
    courseCode: course.courseCode,
    scheduleCode: chosen.scheduleCode,
    amount: course.price,
  };
  const challenge = await sendOtpAskingAgain(world, purchase, report, appRecoveries);
  const otp = control.sms.latestOtp(buyer.prakerjaId)!;
  report.detail(`OTP texted to ${mask(buyer.phone)}; read from the sandbox SMS inbox`);
  const authorized = await platform.payments.authorize({
    paymentToken: challenge.paymentToken,
    otp,
    invoiceCode,
    invoiceUrl: `https://storefront.example/invoices/${invoiceCode}`,
  });
  if (authorized.outcome !== 'purchased') {
    throw new Error(`purchase not completed: ${authorized.outcome}`);
  }
  if (authorized.reconciled) {
    report.detail('authorize lost its answer: reconciled through payment/status → purchased');
    appRecoveries.set('drop after commit on authorize', 'payment/status said SUCCESS: bought once');
  }
  const { transactionCode } = authorized.payment;
  // The participant receives the redeem code by email and on the Prakerja dashboard.
  const redeemCode = control.transactions.byInvoice(invoiceCode)!.redeemCode;
  report.detail(`redeem code ${mask(redeemCode)} sent to the participant's dashboard`);
  done(`${invoiceCode} ${formatIdr(course.price)} ${authorized.payment.status}`);

  // 3. Redeem and attendance: one face check per sequence, confirmed by a signed status call.
  done = report.step(
    `Redeem and attend sequences ${ATTENDANCE_SEQUENCES.join(', ')}`,
    'LP: url-generate, redirect, redeem-code/status',
  );
  for (const sequence of ATTENDANCE_SEQUENCES) {
    await verifyAttendance(world, redeemCode, sequence, lpEmail);
    report.detail(`sequence ${sequence}: face check approved, attendance confirmed`);
  }
  done(`${ATTENDANCE_SEQUENCES.length} sequences verified`);

  // 4. Post-test.
  done = report.step('Post-test', 'LP: url-generate sequence 999, redeem-code/status');
  await verifyAttendance(world, redeemCode, POST_TEST, lpEmail);
  done('sequence 999 verified');

  // 5. Assignments: TPM (sequence 1) and UK (999), submitted then graded by the LP.
  done = report.step(
    'TPM and UK submitted and graded',
    'LP: tpm/submission, tpm/feedback/submission',
  );
  await submitAndGrade(world, redeemCode, 'tpm', 1, report, appRecoveries);
  await submitAndGrade(world, redeemCode, 'uk', POST_TEST, report, appRecoveries);
  done('TPM 1 and UK accepted');

  // 6. Completion, as the LP sees it.
  done = report.step('Completion', 'LP: redeem-code/status and tpm/submission/status');
  const progress = await provider.completion.retrieve({
    redeemCode,
    attendanceSequences: ATTENDANCE_SEQUENCES,
    tpmSequences: [1],
  });
  if (progress.completion !== 'complete') {
    throw new Error(`course not complete after the journey (${progress.completion})`);
  }
  done('post-test verified and UK accepted: course complete');

  // 7. Incentive: the sandbox pushes incentive.disbursement_requested to the payment partner.
  done = report.step('Incentive delivered to the payment partner', 'event model: signed webhook');
  await control.deliveries.settle();
  if (control.deliveries.list({ status: 'pending' }).length > 0) {
    report.detail(
      'first delivery refused (partner outage); sandbox retries after 5 s: time travel',
    );
    control.clock.advance({ seconds: 5 });
    await control.deliveries.settle();
  }
  const [delivery] = control.deliveries.list({ status: 'succeeded' });
  if (delivery) {
    // A sender may deliver twice; the receiver must not pay twice.
    control.deliveries.redeliver(delivery.id);
    await control.deliveries.settle();
    report.detail('the same event delivered again on purpose: answered as a duplicate');
  }
  const paid = world.ledger.entries().filter((entry) => entry.kind === 'paid');
  done(`${paid.length} disbursement paid, ${formatIdr(paid[0]?.amount ?? 0)}`);

  // 8. A second purchase, cancelled by the buyer: void.
  done = report.step('A second purchase, voided', 'DP: send-otp, authorize, void');
  hooks.beforeSecondPurchase?.();
  const followed: FollowedOutcome[] = [];
  const voidedInvoiceCode = await buyAndVoid(world, report, appRecoveries, followed);
  done(`${voidedInvoiceCode} voided, seat released`);

  return {
    buyer,
    course,
    scheduleCode: chosen.scheduleCode,
    seatsBefore,
    invoiceCode,
    transactionCode,
    redeemCode,
    voidedInvoiceCode,
    followed,
    appRecoveries,
  };
}

type Purchase = Parameters<World['platform']['payments']['sendOtp']>[0];

/** send-otp is never re-sent by the SDK after a 5xx; the buyer presses "send again" once. */
async function sendOtpAskingAgain(
  world: World,
  purchase: Purchase,
  report: Reporter,
  recoveries: Map<string, string>,
): Promise<OtpChallenge> {
  try {
    return await world.platform.payments.sendOtp(purchase);
  } catch (error) {
    const reason = describePurchaseError(error);
    if (!reason.retryable) throw error;
    report.detail(`send-otp failed (${reason.reason}); the buyer asks for a new OTP`);
    recoveries.set('503 on send-otp', 'the buyer asked again: a fresh OTP, one purchase');
    return world.platform.payments.sendOtp(purchase);
  }
}

/** One attendance sequence: URL, the participant's face check, the return, the signed status. */
async function verifyAttendance(world: World, redeemCode: string, sequence: number, email: string) {
  const { provider, sandbox } = world;
  const verification = await provider.attendance.createVerificationUrl({
    redeemCode,
    sequence,
    email,
  });
  // The participant's browser would open verification.url; the sandbox approves it headlessly.
  const programState =
    verification.programState ?? new URL(verification.url).searchParams.get('state')!;
  const decision = sandbox.control.verifications.approve(programState);
  const confirmed = await provider.attendance.confirm({
    state: verification.state,
    returnUrl: decision.redirectUrl,
    email,
    redeemCode,
  });
  if (confirmed.outcome !== 'verified')
    throw new Error(`sequence ${sequence} not verified: ${confirmed.reason}`);
}

/** Submits an assignment and grades it; a lost feedback call is checked before grading again. */
async function submitAndGrade(
  world: World,
  redeemCode: string,
  scope: 'tpm' | 'uk',
  sequence: number,
  report: Reporter,
  recoveries: Map<string, string>,
) {
  const { assignments } = world.provider;
  const label = scope === 'tpm' ? `TPM ${sequence}` : 'UK';
  await assignments.submit({
    redeemCode,
    scope,
    sequence,
    urlFile: `https://lms.example/uploads/${scope}-${sequence}.md`,
  });
  const review = { redeemCode, scope, sequence, notes: 'Sudah sesuai rubrik. Bagus!' };
  try {
    await assignments.review(review);
  } catch (error) {
    // Submissions and feedback are not idempotent (program-api.md §8): look before re-sending.
    const state = await assignments.retrieve({ redeemCode, scope, sequence });
    if (state.feedbackStatus !== 0) throw error;
    report.detail(
      `${label} feedback lost (${(error as Error).name}); status shows none: graded again`,
    );
    recoveries.set(
      'drop before feedback',
      'status showed no feedback, so the LMS graded again: one feedback',
    );
    await assignments.review(review);
  }
  report.detail(`${label}: submitted, graded, accepted`);
}

/**
 * Buys a second course for another participant and voids it. Its authorize gives up after
 * {@link SECOND_PURCHASE_TIMEOUT_MS}: under `--faults` the program commits it later, so the
 * answer is `unknown` and the payment watcher follows it to `purchased` (never re-sent, never
 * reported as not bought).
 */
async function buyAndVoid(
  world: World,
  report: Reporter,
  recoveries: Map<string, string>,
  followed: FollowedOutcome[],
): Promise<string> {
  const { platform, sandbox } = world;
  const { fixtures, control } = sandbox;
  const buyer = fixtures.participants[1]!;
  const schedule = fixtures.schedules[4]!;
  const course = fixtures.courses.find((item) => item.courseCode === schedule.courseCode)!;
  const invoiceCode = `INV-DEMO-${fixtures.seed}-0002`;
  const challenge = await platform.payments.sendOtp({
    prakerjaId: buyer.prakerjaId,
    userPlatformId: 'user-siti',
    courseCode: course.courseCode,
    scheduleCode: schedule.scheduleCode,
    amount: course.price,
  });
  const watcher = createPaymentWatcher(platform, {
    intervalMs: 250,
    maxIntervalMs: 1000,
    onEvent: () => {},
    onOutcome: (outcome) => {
      followed.push(outcome);
    },
  });
  const authorized = await platform.payments.authorize(
    {
      paymentToken: challenge.paymentToken,
      otp: control.sms.latestOtp(buyer.prakerjaId)!,
      invoiceCode,
      invoiceUrl: `https://storefront.example/invoices/${invoiceCode}`,
      paymentTokenExpiresAt: challenge.expiresAt,
    },
    // An unknown outcome is enrolled with the watcher in the same call.
    { timeout: SECOND_PURCHASE_TIMEOUT_MS, follow: watcher },
  );
  let transactionCode: string;
  if (authorized.outcome === 'purchased') {
    transactionCode = authorized.payment.transactionCode;
    if (authorized.reconciled) {
      recoveries.set(
        'late commit on authorize',
        'status showed the late commit while reconciling → purchased once, never re-sent',
      );
    }
  } else if (authorized.outcome === 'unknown') {
    report.detail(
      `authorize gave up after ${SECOND_PURCHASE_TIMEOUT_MS} ms (${authorized.error.name}); status: not found yet → unknown, followed by the payment watcher`,
    );
    watcher.start();
    try {
      // Bounded: the late commit lands within seconds; give up well before settlesAt.
      for (let waited = 0; followed.length === 0 && waited < 15_000; waited += 100) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await watcher.stop();
    }
    const [settled] = followed;
    if (settled?.outcome !== 'purchased') {
      throw new Error(
        `second purchase not settled as purchased: ${settled?.outcome ?? 'still unknown'}`,
      );
    }
    transactionCode = settled.payment.transactionCode;
    report.detail('the program committed it late: the watcher saw SUCCESS → purchased, once');
    recoveries.set(
      'late commit on authorize',
      'unknown (never "not purchased"), never re-sent; the payment watcher saw the late commit → purchased once',
    );
  } else {
    throw new Error(`second purchase: ${authorized.outcome}`);
  }
  const voided = await platform.payments.void({ invoiceCode, transactionCode });
  if (voided.outcome !== 'voided') throw new Error(`void: ${voided.outcome}`);
  if (voided.reconciled) {
    report.detail('void lost its answer: reconciled through payment/status → voided');
    recoveries.set('drop after commit on void', 'payment/status said voided: voided once');
  }
  report.detail(`${course.name} bought and voided`);
  return invoiceCode;
}
