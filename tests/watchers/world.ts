// The world of the watcher fleet test (watchers.test.ts): N invoices and N redeem codes written
// into one sandbox's state through its control plane (state export / import, in batches: a
// thousand purchases through send-otp and authorize would need a thousand seats and balances),
// the changes the test makes to them while the workers watch, and the events those changes must
// produce, derived from the sandbox's final state.
import type { PlatformClient } from '@prakerja-kit/platform';
import type { ProviderClient } from '@prakerja-kit/provider';
import type {
  RedeemCodeRecord,
  Sandbox,
  SandboxState,
  TransactionRecord,
} from '@prakerja-kit/sandbox';

/** One change the test makes; `apply` edits an exported state. */
export interface Change {
  kind: 'pay' | 'void' | 'attend' | 'post-test' | 'verdict';
  key: string;
}

/** An event the fleet must emit exactly once: its type and what it is about. */
export type Expected = string;

export interface WorldPlan {
  /** Invoice codes the platform workers watch. */
  invoices: string[];
  /** Redeem codes the provider workers watch. */
  codes: string[];
  /** Changes in the order they are applied, in rounds. */
  rounds: Change[][];
}

const pad = (index: number) => String(index).padStart(4, '0');

/** A seeded generator (mulberry32), so a failing run can be replayed. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function purchase(
  state: SandboxState,
  invoiceCode: string,
  transactionCode: string,
  redeemCode: string,
  at: string,
): void {
  const dp = state.fixtures.platforms[0]!;
  const lp = state.fixtures.providers[0]!;
  const course = state.fixtures.courses.find((item) => item.provider === lp.clientCode)!;
  const schedule = state.fixtures.schedules.find((item) => item.courseCode === course.courseCode)!;
  const participant = state.fixtures.participants[0]!;
  const transaction: TransactionRecord = {
    transactionCode,
    invoiceCode,
    invoiceUrl: `https://shop.example/invoices/${invoiceCode}`,
    clientCode: dp.clientCode,
    prakerjaId: participant.prakerjaId,
    userPlatformId: `user-${invoiceCode}`,
    courseCode: course.courseCode,
    scheduleCode: schedule.scheduleCode,
    amount: course.price,
    status: 'SUCCESS',
    createdAt: at,
    voidedAt: null,
    redeemCode,
  };
  const record: RedeemCodeRecord = {
    redeemCode,
    transactionCode,
    courseCode: course.courseCode,
    scheduleCode: schedule.scheduleCode,
    prakerjaId: participant.prakerjaId,
    provider: lp.clientCode,
    testCase: null,
    positive: true,
    email: null,
    cancelled: false,
    attendance: {},
    redeemedAt: null,
    completedAt: null,
    disbursementId: null,
    initialVerified: [],
  };
  state.transactions[transactionCode] = transaction;
  state.redeemCodes[redeemCode] = record;
}

/**
 * Plans a world of `size` invoices and `size` redeem codes and writes its starting state into
 * the sandbox: half the invoices already paid (the other half unknown to the program), every
 * redeem code bought and not yet used.
 *
 * Changes, each once, in `roundCount` rounds: a quarter of the unpaid invoices are paid, about
 * one paid invoice in eight is voided (some paid during the run), and 30% of the redeem codes get
 * attendance (sequence 1), then maybe a post-test (999) and an accepted UK, so some complete. The events
 * follow from the final state, except `assignment.submitted` with status 1 (pending), which a
 * watcher may or may not see between the submission and the feedback.
 */
export function createWorld(
  sandbox: Sandbox,
  options: { size: number; seed: number; roundCount: number },
): WorldPlan {
  const random = seeded(options.seed);
  const state = sandbox.control.state.export();
  const at = sandbox.control.clock.now().toISOString();
  const invoices: string[] = [];
  const codes: string[] = [];
  const changes: Change[] = [];
  for (let index = 0; index < options.size; index += 1) {
    const invoiceCode = `WINV-${pad(index)}`;
    invoices.push(invoiceCode);
    const paid = index % 2 === 0;
    if (paid) purchase(state, invoiceCode, `WTRX-${pad(index)}`, `WPAY-${pad(index)}`, at);
    else if (random() < 0.25) changes.push({ kind: 'pay', key: invoiceCode });
    if (random() < 0.12 && (paid || changes.at(-1)?.key === invoiceCode)) {
      changes.push({ kind: 'void', key: invoiceCode });
    }
    const redeemCode = `WRDM-${pad(index)}`;
    codes.push(redeemCode);
    purchase(state, `WCINV-${pad(index)}`, `WCTRX-${pad(index)}`, redeemCode, at);
    // Post-test and UK need the code redeemed (sequence 1 verified) first.
    if (random() < 0.3) {
      changes.push({ kind: 'attend', key: redeemCode });
      if (random() < 0.4) changes.push({ kind: 'post-test', key: redeemCode });
      if (random() < 0.4) changes.push({ kind: 'verdict', key: redeemCode });
    }
  }
  // Room for every purchase of the run: the buyer's balance and the schedule's seats.
  for (const participant of state.fixtures.participants) {
    state.balances[participant.prakerjaId] = 1e12;
  }
  for (const schedule of state.fixtures.schedules) schedule.seats = 1e6;
  sandbox.control.state.import(state);
  // Shuffled, but an item's changes keep their order (a void after its payment).
  const order = changes.map((change, index) => ({ change, index, sort: random() }));
  const byKey = new Map<string, number[]>();
  for (const item of order) {
    const sorts = byKey.get(item.change.key) ?? [];
    sorts.push(item.sort);
    byKey.set(item.change.key, sorts);
  }
  for (const sorts of byKey.values()) sorts.sort((a, b) => a - b);
  const used = new Map<string, number>();
  for (const item of order) {
    const position = used.get(item.change.key) ?? 0;
    item.sort = byKey.get(item.change.key)![position]!;
    used.set(item.change.key, position + 1);
  }
  order.sort((a, b) => a.sort - b.sort);
  const rounds: Change[][] = Array.from({ length: options.roundCount }, () => []);
  order.forEach((item, position) => {
    rounds[Math.floor((position * options.roundCount) / order.length)]!.push(item.change);
  });
  return { invoices, codes, rounds };
}

/** The clients the test changes the world with, as the DP, the LP and the participant would. */
export interface Actors {
  sandbox: Sandbox;
  /** The sandbox's base URL (the control plane's void route is asked in process). */
  url: string;
  platform: PlatformClient;
  provider: ProviderClient;
}

/**
 * Applies one round of changes the way they happen: a purchase through send-otp and authorize
 * (the OTP read from the SMS inbox), a void through the control plane (as the DP's dashboard
 * would), attendance through url-generate and the face check approved on the control plane, the
 * UK through submission and the LP's feedback (the program's verdict policy accepts it).
 */
export async function applyRound(actors: Actors, round: Change[]): Promise<void> {
  // One lane for purchases (one buyer: one OTP at a time), 16 for the rest; an item's changes
  // keep their order.
  const byKey = new Map<string, Change[]>();
  for (const change of round) byKey.set(change.key, [...(byKey.get(change.key) ?? []), change]);
  const groups = [...byKey.values()];
  const buying = groups.filter((group) => group.some((change) => change.kind === 'pay'));
  const others = groups.filter((group) => !buying.includes(group));
  const lane = async (queue: Change[][]) => {
    for (let group = queue.shift(); group; group = queue.shift()) {
      for (const change of group) {
        const started = Date.now();
        const timer = setInterval(
          () => process.stderr.write(`[fleet] still on ${change.kind} ${change.key}\n`),
          5000,
        );
        await applyChange(actors, change).finally(() => clearInterval(timer));
        if (Date.now() - started > 2000) {
          process.stderr.write(
            `[fleet] slow ${change.kind} ${change.key}: ${Date.now() - started} ms\n`,
          );
        }
      }
    }
  };
  await Promise.all([lane(buying), ...Array.from({ length: 16 }, () => lane(others))]);
}

/**
 * Runs a step again when its connection was reset or it got no answer in time (seen on a loaded
 * machine: the sandbox closing an idle keep-alive socket as the client reuses it, or a request
 * left unanswered): every step here is safe to repeat.
 */
async function again<T>(step: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await step();
    } catch (error) {
      const name = (error as Error).name;
      const retryable = ['ConnectionError', 'TimeoutError', 'TypeError'].includes(name);
      if (attempt >= 5 || !retryable) throw error;
    }
  }
}

async function applyChange(actors: Actors, change: Change): Promise<void> {
  const { sandbox } = actors;
  const participant = sandbox.fixtures.participants[0]!;
  const lp = sandbox.fixtures.providers[0]!;
  const course = sandbox.fixtures.courses.find((item) => item.provider === lp.clientCode)!;
  const schedule = sandbox.fixtures.schedules.find(
    (item) => item.courseCode === course.courseCode && Date.parse(item.startAt) > Date.now(),
  )!;
  if (change.kind === 'pay') {
    const { paymentToken } = await again(() =>
      actors.platform.payments.sendOtp({
        prakerjaId: participant.prakerjaId,
        userPlatformId: `user-${change.key}`,
        courseCode: course.courseCode,
        scheduleCode: schedule.scheduleCode,
        amount: course.price,
      }),
    );
    const result = await actors.platform.payments.authorize({
      paymentToken,
      otp: sandbox.control.sms.latestOtp(participant.prakerjaId)!,
      invoiceCode: change.key,
      invoiceUrl: `https://shop.example/invoices/${change.key}`,
    });
    // After a lost answer the client may say `unknown`: the program's record decides.
    if (result.outcome !== 'purchased' && !sandbox.control.transactions.byInvoice(change.key)) {
      throw new Error(`pay ${change.key}: ${result.outcome}`);
    }
  } else if (change.kind === 'void') {
    const transaction = sandbox.control.transactions.byInvoice(change.key)!;
    await again(async () => {
      if (sandbox.control.transactions.byInvoice(change.key)?.status === 'VOID') return;
      const response = await sandbox.fetch(
        new Request(`${actors.url}/__sandbox/transactions/${transaction.transactionCode}/void`, {
          method: 'POST',
        }),
      );
      if (!response.ok) throw new Error(`void ${change.key}: ${response.status}`);
    });
  } else if (change.kind === 'verdict') {
    const target = { redeemCode: change.key, scope: 'uk' as const, sequence: 999 };
    await again(() =>
      actors.provider.assignments.submit({ ...target, urlFile: 'https://lms.example/uk.pdf' }),
    );
    await again(() => actors.provider.assignments.review({ ...target, notes: 'Lulus' }));
  } else {
    const sequence = change.kind === 'attend' ? 1 : 999;
    const started = await again(() =>
      actors.provider.attendance.createVerificationUrl({
        redeemCode: change.key,
        sequence,
        email: `${change.key.toLowerCase()}@peserta.example`,
      }),
    );
    sandbox.control.verifications.approve(started.programState!);
  }
}

function hasAcceptedUk(state: SandboxState, redeemCode: string): boolean {
  return state.assignments.some(
    (item) =>
      item.kind === 'submission' &&
      item.redeemCode === redeemCode &&
      item.scope === 'uk' &&
      item.status === 2,
  );
}

/**
 * The events the watched items' final state implies, one string each (`type subject`): an
 * invoice found paid → `payment.authorized`, voided → also `payment.voided`; a redeem code →
 * `attendance.verified` per verified sequence, `assignment.submitted` and `assignment.reviewed`
 * for its accepted UK (status 2), `course.completed` once both the post-test and the UK are done.
 * `optional` lists what a watcher may also report: the UK seen pending (status 1).
 */
export function expectedEvents(
  sandbox: Sandbox,
  plan: WorldPlan,
): { required: Expected[]; optional: Expected[] } {
  const state = sandbox.control.state.export();
  const byInvoice = new Map(Object.values(state.transactions).map((t) => [t.invoiceCode, t]));
  const required: Expected[] = [];
  const optional: Expected[] = [];
  for (const invoiceCode of plan.invoices) {
    const transaction = byInvoice.get(invoiceCode);
    if (!transaction) continue;
    required.push(`payment.authorized ${invoiceCode}`);
    if (transaction.status === 'VOID') required.push(`payment.voided ${invoiceCode}`);
  }
  for (const redeemCode of plan.codes) {
    const record = state.redeemCodes[redeemCode]!;
    for (const sequence of Object.keys(record.attendance)) {
      if (record.attendance[sequence]!.status === 1) {
        required.push(`attendance.verified ${redeemCode}/${sequence}`);
      }
    }
    const uk = hasAcceptedUk(state, redeemCode);
    if (uk) {
      required.push(`assignment.submitted ${redeemCode}/uk/999#2`);
      required.push(`assignment.reviewed ${redeemCode}/uk/999#2`);
      optional.push(`assignment.submitted ${redeemCode}/uk/999#1`);
    }
    if (uk && record.attendance['999']?.status === 1) {
      required.push(`course.completed ${redeemCode}`);
    }
  }
  return { required: required.sort(), optional };
}

/** `type subject` of an emitted event, in the form of {@link expectedEvents}. */
export function describeEvent(event: { type: string; data: Record<string, unknown> }): Expected {
  const data = event.data;
  if (event.type.startsWith('payment.')) return `${event.type} ${String(data['invoice_code'])}`;
  if (event.type === 'attendance.verified') {
    return `${event.type} ${String(data['redeem_code'])}/${String(data['sequence'])}`;
  }
  if (event.type.startsWith('assignment.')) {
    const { redeem_code: code, scope, sequence, status } = data;
    return `${event.type} ${String(code)}/${String(scope)}/${String(sequence)}#${String(status)}`;
  }
  return `${event.type} ${String(data['redeem_code'])}`;
}
