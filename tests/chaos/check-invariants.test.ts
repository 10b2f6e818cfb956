import { createSandbox, type SandboxState, type TransactionRecord } from '@prakerja-kit/sandbox';
import { expect, it } from 'vitest';
import { type ChaosSnapshot, checkInvariants } from './check-invariants.js';

type PaymentTokenRecordLike = SandboxState['paymentTokens'][string];

// A small consistent world: one active purchase with a verified attendance and a paid
// incentive, one voided purchase; then the same world broken in one way per invariant.
function consistent(): ChaosSnapshot {
  const sandbox = createSandbox({ seed: 1, clock: { startAt: '2026-11-24T07:00:00Z' } });
  const state: SandboxState = sandbox.control.state.export();
  void sandbox.close();
  const participant = state.fixtures.participants[0]!;
  const schedule = state.fixtures.schedules[0]!;
  const course = state.fixtures.courses.find((c) => c.courseCode === schedule.courseCode)!;
  const dp = state.fixtures.platforms[0]!.clientCode;
  const token = (id: string, userPlatformId: string, used: boolean): PaymentTokenRecordLike => ({
    token: id,
    clientCode: dp,
    prakerjaId: participant.prakerjaId,
    userPlatformId,
    courseCode: course.courseCode,
    scheduleCode: schedule.scheduleCode,
    amount: course.price,
    otp: '123456',
    createdAt: 0,
    expiresAt: 1,
    usedAt: used ? 1 : null,
  });
  const purchase = (code: string, invoice: string, user: string, status: 'SUCCESS' | 'VOID') =>
    ({
      transactionCode: code,
      invoiceCode: invoice,
      invoiceUrl: `https://shop.example/${invoice}`,
      clientCode: dp,
      prakerjaId: participant.prakerjaId,
      userPlatformId: user,
      courseCode: course.courseCode,
      scheduleCode: schedule.scheduleCode,
      amount: course.price,
      status,
      createdAt: '2026-11-24T07:00:00.000Z',
      voidedAt: status === 'VOID' ? '2026-11-24T07:01:00.000Z' : null,
      redeemCode: `R-${code}`,
    }) satisfies TransactionRecord;
  const redeem = (code: string, cancelled: boolean) => ({
    redeemCode: `R-${code}`,
    transactionCode: code,
    courseCode: course.courseCode,
    scheduleCode: schedule.scheduleCode,
    prakerjaId: participant.prakerjaId,
    provider: course.provider,
    testCase: null,
    positive: false,
    email: null,
    cancelled,
    attendance: cancelled ? {} : { '1': { status: 1 as const, at: '2026-11-24T07:02:00.000Z' } },
    redeemedAt: null,
    completedAt: null,
    disbursementId: null,
    initialVerified: [],
  });
  state.paymentTokens = { T1: token('T1', 'u1', true), T2: token('T2', 'u2', true) };
  state.transactions['X1'] = purchase('X1', 'INV-1', 'u1', 'SUCCESS');
  state.transactions['X2'] = purchase('X2', 'INV-2', 'u2', 'VOID');
  state.redeemCodes['R-X1'] = redeem('X1', false);
  state.redeemCodes['R-X2'] = redeem('X2', true);
  state.seatsTaken[schedule.scheduleCode] = 1;
  state.balances[participant.prakerjaId] = participant.balance - course.price;
  state.events.push({
    id: 'evt_1',
    type: 'incentive.disbursement_requested',
    created_at: '2026-11-24T07:03:00.000Z',
    data: { disbursement_id: 'dsb_1' },
  });
  const quotas = Object.fromEntries(
    state.fixtures.schedules.map((s) => [
      s.scheduleCode,
      Math.max(0, s.seats - (s === schedule ? 1 : 0)),
    ]),
  );
  return {
    state,
    quotas,
    dpPurchases: [
      { clientCode: dp, invoiceCode: 'INV-1', transactionCode: 'X1', state: 'authorized' },
      { clientCode: dp, invoiceCode: 'INV-2', transactionCode: 'X2', state: 'voided' },
    ],
    dpEvents: [
      { clientCode: dp, invoiceCode: 'INV-1', type: 'payment.authorized' },
      { clientCode: dp, invoiceCode: 'INV-2', type: 'payment.authorized' },
      { clientCode: dp, invoiceCode: 'INV-2', type: 'payment.voided' },
    ],
    dpOutcomes: [
      // A wrong OTP on an earlier token of INV-1, then the purchase with u1; INV-2 bought, a void
      // that did not go through, then one that did.
      {
        call: 'authorize',
        clientCode: dp,
        invoiceCode: 'INV-1',
        userPlatformId: 'u0',
        outcome: 'not_purchased',
      },
      {
        call: 'authorize',
        clientCode: dp,
        invoiceCode: 'INV-1',
        userPlatformId: 'u1',
        outcome: 'purchased',
      },
      {
        call: 'authorize',
        clientCode: dp,
        invoiceCode: 'INV-2',
        userPlatformId: 'u2',
        outcome: 'purchased',
      },
      {
        call: 'void',
        clientCode: dp,
        invoiceCode: 'INV-2',
        transactionCode: 'X2',
        outcome: 'not_voided',
      },
      {
        call: 'void',
        clientCode: dp,
        invoiceCode: 'INV-2',
        transactionCode: 'X2',
        outcome: 'voided',
      },
    ],
    lpAttendance: [{ redeemCode: 'R-X1', sequence: 1 }],
    incentiveHandled: { evt_1: 1 },
    payouts: ['dsb_1'],
  };
}

it('reports every invariant held for a consistent end state', () => {
  const results = checkInvariants(consistent());
  expect(results).toHaveLength(10);
  expect(results.filter((item) => !item.held)).toEqual([]);
});

it('reports each invariant violated for a deliberately inconsistent end state', () => {
  const snapshot = consistent();
  const { state } = snapshot;
  const schedule = state.fixtures.schedules[0]!;
  const participant = state.fixtures.participants[0]!;
  // The same invoice and the same token bought twice.
  state.transactions['X3'] = { ...state.transactions['X1']!, transactionCode: 'X3' };
  // A used token that bought nothing.
  state.paymentTokens['T4'] = { ...state.paymentTokens['T1']!, token: 'T4', userPlatformId: 'u4' };
  // The DP believes the voided purchase is still active.
  snapshot.dpPurchases[1]!.state = 'authorized';
  // The watcher handled a void twice.
  snapshot.dpEvents.push({ ...snapshot.dpEvents[2]! });
  // A seat leaked, and the API shows it.
  state.seatsTaken[schedule.scheduleCode] = 5;
  snapshot.quotas[schedule.scheduleCode] = 0;
  // Charged without a purchase.
  state.balances[participant.prakerjaId] = 0;
  // A voided purchase whose redeem code still works.
  state.redeemCodes['R-X2']!.cancelled = false;
  // One attendance recorded twice.
  snapshot.lpAttendance.push({ redeemCode: 'R-X1', sequence: 1 });
  // The DP was told a purchase the program committed (late) was not made.
  snapshot.dpOutcomes.push({
    call: 'authorize',
    clientCode: snapshot.dpPurchases[0]!.clientCode,
    invoiceCode: 'INV-1',
    userPlatformId: 'u1',
    outcome: 'not_purchased',
  });
  // One incentive event handled twice and paid twice.
  snapshot.incentiveHandled['evt_1'] = 2;
  snapshot.payouts.push('dsb_1');

  const results = checkInvariants(snapshot);
  expect(results.map((item) => [item.name, item.held])).toEqual([
    ['no purchase authorized twice (per invoice)', false],
    ['no purchase authorized twice (per payment token)', false],
    ["every DP's purchases match the program", false],
    ['no definitive answer the program contradicts (late commits included)', false],
    ["every payment event handled once by its DP's watcher", false],
    ['no seat leaked (seats = initial − active purchases)', false],
    ['balance charged once per active purchase', false],
    ['every voided purchase has its redeem code cancelled', false],
    ['every verified attendance recorded once', false],
    ['every incentive event handled exactly once', false],
  ]);
  for (const item of results) expect(item.detail).toMatch(/offender/);
});

it('reports a lost payment event, a verified attendance never recorded, and a lost incentive', () => {
  const snapshot = consistent();
  snapshot.lpAttendance = [];
  snapshot.incentiveHandled = {};
  snapshot.dpEvents = snapshot.dpEvents.slice(1);
  const violated = checkInvariants(snapshot)
    .filter((item) => !item.held)
    .map((item) => item.name);
  expect(violated).toEqual([
    "every payment event handled once by its DP's watcher",
    'every verified attendance recorded once',
    'every incentive event handled exactly once',
  ]);
});

it('catches every definitive answer a late commit proves wrong, and only those', () => {
  const violations = (outcomes: ChaosSnapshot['dpOutcomes']) => {
    const snapshot = consistent();
    snapshot.dpOutcomes.push(...outcomes);
    const found = checkInvariants(snapshot).find((item) => item.name.startsWith('no definitive'))!;
    return found.held ? [] : found.detail;
  };
  const dp = consistent().dpPurchases[0]!.clientCode;
  const authorize = (
    invoiceCode: string,
    userPlatformId: string,
    outcome: 'purchased' | 'not_purchased',
  ) => ({ call: 'authorize', clientCode: dp, invoiceCode, userPlatformId, outcome }) as const;
  const voidAnswer = (transactionCode: string, outcome: 'voided' | 'not_voided') =>
    ({ call: 'void', clientCode: dp, invoiceCode: 'INV-?', transactionCode, outcome }) as const;
  // The program committed token u1's purchase after the client gave up: not_purchased is wrong.
  expect(violations([authorize('INV-1', 'u1', 'not_purchased')])).toMatch(
    /INV-1: not_purchased, but the program committed it/,
  );
  // Purchased, but the program never committed anything for the invoice.
  expect(violations([authorize('INV-9', 'u9', 'purchased')])).toMatch(
    /INV-9: purchased, but the program has no purchase/,
  );
  // Voided, but the purchase is live; not_voided as the last word on a voided purchase.
  expect(violations([voidAnswer('X1', 'voided')])).toMatch(/voided, but the program says SUCCESS/);
  expect(violations([voidAnswer('X2', 'not_voided')])).toMatch(
    /INV-2: not_voided, but the program voided it/,
  );
  // Consistent answers: another token's refusal, a refused void of a live purchase.
  expect(
    violations([authorize('INV-1', 'u7', 'not_purchased'), voidAnswer('X1', 'not_voided')]),
  ).toEqual([]);
});
