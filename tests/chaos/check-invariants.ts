import type { SandboxState } from '@prakerja-kit/sandbox';

/** A purchase as one DP's own records hold it at the end of the run. */
export interface DpPurchaseRecord {
  clientCode: string;
  invoiceCode: string;
  transactionCode: string;
  state: 'authorized' | 'voided';
}

/** An attendance the LP recorded in its own database after `attendance.confirm` said verified. */
export interface LpAttendanceRecord {
  redeemCode: string;
  sequence: number;
}

/** A `payment.authorized` / `payment.voided` event a DP's status watcher handled successfully. */
export interface DpEventRecord {
  clientCode: string;
  invoiceCode: string;
  type: 'payment.authorized' | 'payment.voided';
}

/**
 * A definitive answer a DP's client gave (and the DP acted on): for authorize, tied to the payment
 * token used through its `user_platform_id` (one per token in the chaos run); for void, to the
 * transaction.
 */
export type DpOutcomeRecord =
  | {
      call: 'authorize';
      clientCode: string;
      invoiceCode: string;
      userPlatformId: string;
      outcome: 'purchased' | 'not_purchased';
    }
  | {
      call: 'void';
      clientCode: string;
      invoiceCode: string;
      transactionCode: string;
      outcome: 'voided' | 'not_voided';
    };

/** What the partners did, next to the sandbox's state: the input of {@link checkInvariants}. */
export interface ChaosSnapshot {
  /** The sandbox's whole state (`GET /__sandbox/state`) after the run settled. */
  state: SandboxState;
  /** Seats per schedule as `payment/quota-schedule` answered after the run. */
  quotas: Record<string, number>;
  /** Every purchase the DPs believe exists (unknown outcomes resolved through status). */
  dpPurchases: DpPurchaseRecord[];
  /** Events the DPs' payment watchers handled (one entry per successful `onEvent`). */
  dpEvents: DpEventRecord[];
  /** Every definitive authorize / void answer the DPs' clients gave, in order. */
  dpOutcomes: DpOutcomeRecord[];
  /** Every attendance row the LPs wrote. */
  lpAttendance: LpAttendanceRecord[];
  /** Successful handler runs per event id, summed over every payment-partner instance. */
  incentiveHandled: Record<string, number>;
  /** Disbursement ids the payment partner paid, one entry per payout (duplicates are bugs). */
  payouts: string[];
}

/** One invariant and whether it held. */
export interface InvariantResult {
  name: string;
  held: boolean;
  /** Counts when it held; the first offenders when it did not. */
  detail: string;
}

const key = (...parts: Array<string | number>) => parts.join('|');

function countBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(keyOf(item), (counts.get(keyOf(item)) ?? 0) + 1);
  return counts;
}

function result(name: string, offenders: string[], okDetail: string): InvariantResult {
  return offenders.length === 0
    ? { name, held: true, detail: okDetail }
    : {
        name,
        held: false,
        detail: `${offenders.length} offender(s): ${offenders.slice(0, 3).join('; ')}`,
      };
}

/**
 * Checks the end state of a chaos run. Pure: the same snapshot gives the same answer, so a
 * deliberately inconsistent snapshot proves each check can fail (check-invariants.test.ts).
 *
 * Purchases made by the run are told apart from the fixtures' `PRAT-` purchases by transaction
 * code; every send-otp of the run used its own `user_platform_id`, which ties a transaction to
 * the payment token that bought it.
 */
export function checkInvariants(snapshot: ChaosSnapshot): InvariantResult[] {
  const { state } = snapshot;
  const fixtureTransactions = new Set(state.fixtures.redeemCodes.map((c) => c.transactionCode));
  const purchases = Object.values(state.transactions).filter(
    (item) => !fixtureTransactions.has(item.transactionCode),
  );
  const active = purchases.filter((item) => item.status === 'SUCCESS');
  const results: InvariantResult[] = [];

  // 1. No purchase authorized twice: per invoice ...
  const perInvoice = countBy(purchases, (item) => key(item.clientCode, item.invoiceCode));
  results.push(
    result(
      'no purchase authorized twice (per invoice)',
      [...perInvoice].filter(([, n]) => n > 1).map(([invoice, n]) => `${invoice} ×${n}`),
      `${perInvoice.size} invoices, one purchase each`,
    ),
  );

  // ... and per payment token: a used token bought exactly one purchase, an unused one none.
  const perToken = countBy(purchases, (item) => key(item.clientCode, item.userPlatformId));
  const tokenOffenders: string[] = [];
  const tokens = Object.values(state.paymentTokens);
  for (const token of tokens) {
    const bought = perToken.get(key(token.clientCode, token.userPlatformId)) ?? 0;
    const expected = token.usedAt === null ? 0 : 1;
    if (bought !== expected) {
      tokenOffenders.push(`${token.token.slice(0, 12)}… used=${token.usedAt !== null} ×${bought}`);
    }
  }
  const tokenOwners = new Set(tokens.map((token) => key(token.clientCode, token.userPlatformId)));
  for (const [owner, n] of perToken) {
    if (!tokenOwners.has(owner)) tokenOffenders.push(`${owner}: ${n} purchase(s) without a token`);
  }
  results.push(
    result(
      'no purchase authorized twice (per payment token)',
      tokenOffenders,
      `${tokens.length} tokens, ${tokens.filter((t) => t.usedAt !== null).length} used, one purchase each`,
    ),
  );

  // 2. What every DP believes matches the program: nothing lost, nothing invented.
  const dpOffenders: string[] = [];
  const believed = new Map(
    snapshot.dpPurchases.map((item) => [key(item.clientCode, item.invoiceCode), item]),
  );
  for (const item of purchases) {
    const mine = believed.get(key(item.clientCode, item.invoiceCode));
    const expected = item.status === 'SUCCESS' ? 'authorized' : 'voided';
    if (!mine) dpOffenders.push(`${item.invoiceCode} ${item.status} unknown to ${item.clientCode}`);
    else if (mine.state !== expected || mine.transactionCode !== item.transactionCode) {
      dpOffenders.push(`${item.invoiceCode}: DP says ${mine.state}, program ${item.status}`);
    }
  }
  const known = new Set(purchases.map((item) => key(item.clientCode, item.invoiceCode)));
  for (const [invoice] of believed) {
    if (!known.has(invoice))
      dpOffenders.push(`${invoice}: the DP holds a purchase that is not there`);
  }
  results.push(
    result(
      "every DP's purchases match the program",
      dpOffenders,
      `${believed.size} purchases held by the DPs, ${active.length} active`,
    ),
  );

  // 2a. No definitive answer contradicts what the program committed, even when it committed
  // after the client gave up (late commit): no not_purchased for a token that bought, no
  // purchased for an invoice nobody bought; no voided for a live purchase, and no not_voided as
  // the DP's last word on a purchase the program voided.
  const answerOffenders: string[] = [];
  const byToken = new Set(purchases.map((item) => key(item.clientCode, item.userPlatformId)));
  const byInvoice = new Map(
    purchases.map((item) => [key(item.clientCode, item.invoiceCode), item]),
  );
  const byTransaction = new Map(purchases.map((item) => [item.transactionCode, item]));
  const lastVoidAnswer = new Map<string, string>();
  for (const answer of snapshot.dpOutcomes) {
    if (answer.call === 'authorize') {
      if (
        answer.outcome === 'not_purchased' &&
        byToken.has(key(answer.clientCode, answer.userPlatformId))
      ) {
        answerOffenders.push(`${answer.invoiceCode}: not_purchased, but the program committed it`);
      }
      if (
        answer.outcome === 'purchased' &&
        !byInvoice.has(key(answer.clientCode, answer.invoiceCode))
      ) {
        answerOffenders.push(`${answer.invoiceCode}: purchased, but the program has no purchase`);
      }
      continue;
    }
    lastVoidAnswer.set(answer.transactionCode, answer.outcome);
    const held = byTransaction.get(answer.transactionCode);
    if (answer.outcome === 'voided' && held?.status !== 'VOID') {
      answerOffenders.push(
        `${answer.invoiceCode}: voided, but the program says ${held?.status ?? 'nothing'}`,
      );
    }
  }
  for (const [transactionCode, outcome] of lastVoidAnswer) {
    const held = byTransaction.get(transactionCode);
    if (outcome === 'not_voided' && held?.status === 'VOID') {
      answerOffenders.push(`${held.invoiceCode}: not_voided, but the program voided it`);
    }
  }
  results.push(
    result(
      'no definitive answer the program contradicts (late commits included)',
      answerOffenders,
      `${snapshot.dpOutcomes.length} definitive answers`,
    ),
  );

  // 2b. Each DP's payment watcher turned polling into each payment event exactly once.
  const eventOffenders: string[] = [];
  const seen = countBy(snapshot.dpEvents, (item) =>
    key(item.clientCode, item.invoiceCode, item.type),
  );
  for (const item of purchases) {
    const authorized = seen.get(key(item.clientCode, item.invoiceCode, 'payment.authorized')) ?? 0;
    const voidedEvents = seen.get(key(item.clientCode, item.invoiceCode, 'payment.voided')) ?? 0;
    const expectedVoided = item.status === 'VOID' ? 1 : 0;
    if (authorized !== 1 || voidedEvents !== expectedVoided) {
      eventOffenders.push(
        `${item.invoiceCode} ${item.status}: authorized ×${authorized}, voided ×${voidedEvents}`,
      );
    }
  }
  for (const [event, n] of seen) {
    const [clientCode, invoiceCode] = event.split('|');
    if (!known.has(key(clientCode!, invoiceCode!))) {
      eventOffenders.push(`${event} ×${n} for a purchase that does not exist`);
    }
  }
  results.push(
    result(
      "every payment event handled once by its DP's watcher",
      eventOffenders,
      `${snapshot.dpEvents.length} events for ${purchases.length} purchases`,
    ),
  );

  // 3. No seat leaked: seats = initial − active purchases, in the state and on the API.
  const seatOffenders: string[] = [];
  const activePerSchedule = countBy(active, (item) => item.scheduleCode);
  for (const schedule of state.fixtures.schedules) {
    const taken = activePerSchedule.get(schedule.scheduleCode) ?? 0;
    const recorded = state.seatsTaken[schedule.scheduleCode] ?? 0;
    if (recorded !== taken) {
      seatOffenders.push(`${schedule.scheduleCode}: ${recorded} seats taken, ${taken} purchases`);
    }
    const quota = snapshot.quotas[schedule.scheduleCode];
    const expected = Math.max(0, schedule.seats - taken);
    if (quota !== undefined && quota !== expected) {
      seatOffenders.push(`${schedule.scheduleCode}: quota ${quota}, expected ${expected}`);
    }
  }
  results.push(
    result(
      'no seat leaked (seats = initial − active purchases)',
      seatOffenders,
      `${state.fixtures.schedules.length} schedules, ${active.length} seats taken`,
    ),
  );

  // 4. Balance charged once per active purchase, refunded once per void.
  const balanceOffenders: string[] = [];
  for (const participant of state.fixtures.participants) {
    const spent = active
      .filter((item) => item.prakerjaId === participant.prakerjaId)
      .reduce((sum, item) => sum + item.amount, 0);
    const balance = state.balances[participant.prakerjaId];
    if (balance !== participant.balance - spent) {
      balanceOffenders.push(
        `${participant.prakerjaId}: ${balance} ≠ ${participant.balance} − ${spent}`,
      );
    }
  }
  results.push(
    result(
      'balance charged once per active purchase',
      balanceOffenders,
      `${state.fixtures.participants.length} participants`,
    ),
  );

  // 5. Every voided purchase has its redeem code cancelled.
  const voided = purchases.filter((item) => item.status === 'VOID');
  results.push(
    result(
      'every voided purchase has its redeem code cancelled',
      voided
        .filter((item) => state.redeemCodes[item.redeemCode]?.cancelled !== true)
        .map((item) => `${item.invoiceCode} → ${item.redeemCode} still live`),
      `${voided.length} voided, ${voided.length} codes cancelled`,
    ),
  );

  // 6. Every verified attendance recorded once by its LP, and nothing recorded unverified.
  const attendanceOffenders: string[] = [];
  const rows = countBy(snapshot.lpAttendance, (row) => key(row.redeemCode, row.sequence));
  let verifiedCount = 0;
  const runCodes = new Set(purchases.map((item) => item.redeemCode));
  for (const code of runCodes) {
    const record = state.redeemCodes[code];
    for (const [sequence, attendance] of Object.entries(record?.attendance ?? {})) {
      if (attendance.status !== 1) continue;
      verifiedCount += 1;
      const n = rows.get(key(code, sequence)) ?? 0;
      // A code voided between the face check and the LP's status call cannot be confirmed
      // (its status is refused): at most once there, exactly once everywhere else.
      if (n > 1 || (n === 0 && !record?.cancelled))
        attendanceOffenders.push(`${code} sequence ${sequence} recorded ×${n}`);
    }
  }
  for (const [row, n] of rows) {
    const [code, sequence] = row.split('|') as [string, string];
    if (state.redeemCodes[code]?.attendance[sequence]?.status !== 1) {
      attendanceOffenders.push(`${code} sequence ${sequence} recorded ×${n} but not verified`);
    }
  }
  results.push(
    result(
      'every verified attendance recorded once',
      attendanceOffenders,
      `${verifiedCount} verified attendances, ${snapshot.lpAttendance.length} LP rows`,
    ),
  );

  // 7. Every incentive event handled exactly once across the payment partner's instances.
  const incentiveOffenders: string[] = [];
  const incentives = state.events.filter((event) => event.type.startsWith('incentive.'));
  const ids = new Set(incentives.map((event) => event.id));
  for (const event of incentives) {
    const n = snapshot.incentiveHandled[event.id] ?? 0;
    if (n !== 1) incentiveOffenders.push(`${event.type} ${event.id} handled ×${n}`);
  }
  for (const [id, n] of Object.entries(snapshot.incentiveHandled)) {
    if (!ids.has(id)) incentiveOffenders.push(`${id} handled ×${n} but never emitted`);
  }
  for (const [id, n] of countBy(snapshot.payouts, (id) => id)) {
    if (n > 1) incentiveOffenders.push(`disbursement ${id} paid ×${n}`);
  }
  results.push(
    result(
      'every incentive event handled exactly once',
      incentiveOffenders,
      `${incentives.length} incentive events, ${snapshot.payouts.length} payouts`,
    ),
  );
  return results;
}
