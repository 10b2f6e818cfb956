import { ProgramApiError, type TransportOptions } from '@prakerja-kit/core';
import {
  createPaymentWatcher,
  createPlatformClient,
  type PaymentsAuthorizeResult,
  type PaymentWatcher,
  type PlatformClient,
} from '@prakerja-kit/platform';
import type { SandboxClient, SandboxParticipant, SandboxSchedule } from '@prakerja-kit/sandbox';
import type { World } from './world.js';
import { sleep } from './world.js';

/**
 * A 4xx refusal other than 429 and the timestamp check (`SBX_GEN40103`, our clock, not the
 * request, was wrong): the program decided, so asking again the same way is pointless.
 */
export const isRefusal = (error: unknown): error is ProgramApiError =>
  error instanceof ProgramApiError &&
  error.status >= 400 &&
  error.status < 500 &&
  error.status !== 429 &&
  error.code !== 'SBX_GEN40103';

/** Transport options every chaos client uses: short timeouts, a few retries, skew correction. */
export function clientOptions(world: World): TransportOptions {
  return {
    baseUrl: world.url,
    logLevel: 'silent',
    timeout: 5_000,
    maxRetries: 3,
    retry: { baseDelayMs: 20, maxDelayMs: 200 },
    clock: { correctSkew: true },
    hooks: {
      onRequest: (event) => world.ops.count(`request ${event.path}`),
      // 401s come from the clock-skew window: requests signed before the jump was measured.
      onResponse: (event) => {
        if (event.status === 401) world.ops.count('program answered 401 (timestamp)');
      },
    },
  };
}

/** A DP's client and its payment watcher, for the settle phase. */
export interface PlatformPartner {
  client: PlatformClient;
  watcher: PaymentWatcher;
}

/**
 * One DP: several workers buying, double-submitting and voiding until the deadline, and a
 * payment watcher turning status polls into events (its handler crashes now and then).
 */
export async function runPlatformPartner(
  world: World,
  dp: SandboxClient,
  workers: number,
): Promise<PlatformPartner> {
  const client = createPlatformClient({
    ...clientOptions(world),
    clientCode: dp.clientCode,
    signKey: dp.signKey,
    reconcile: { attempts: 3, delayMs: 50 },
  });
  let calm = false;
  const watcher = createPaymentWatcher(client, {
    intervalMs: 200,
    maxIntervalMs: 1_000,
    onEvent: (event) => {
      if (!calm && world.random.chance(0.05)) {
        world.faults.count('DP: watcher handler crashed (event emitted again)');
        throw new Error('order database unavailable');
      }
      world.dpEvents.push({
        clientCode: dp.clientCode,
        invoiceCode: event.data.invoice_code,
        type: event.type,
      });
    },
  });
  watcher.start();
  let invoices = 0;
  const mine: string[] = [];

  async function worker() {
    while (Date.now() < world.deadline) {
      await sleep(world.random.int(5, 60));
      if (mine.length > 0 && world.random.chance(0.15)) {
        await voidOne(world, client, dp, mine);
        continue;
      }
      const buyer = world.random.pick(world.buyers);
      const schedule = world.random.pick(world.fixtures.schedules);
      invoices += 1;
      const invoiceCode = `INV-${dp.clientCode}-${String(invoices).padStart(5, '0')}`;
      await world.withBuyer(buyer.prakerjaId, () =>
        purchase(world, client, dp, buyer, schedule, invoiceCode),
      );
      // Watch every invoice that may exist: bought, voided, or unknown.
      const key = `${dp.clientCode}|${invoiceCode}`;
      if (
        world.purchases.has(key) ||
        world.unknownInvoices.some((item) => item.invoiceCode === invoiceCode)
      ) {
        watcher.watch(invoiceCode);
      }
      if (world.purchases.get(`${dp.clientCode}|${invoiceCode}`)?.state === 'authorized') {
        mine.push(invoiceCode);
      }
    }
  }
  await Promise.all(Array.from({ length: workers }, worker));
  await watcher.stop();
  calm = true;
  return { client, watcher };
}

function record(
  world: World,
  dp: SandboxClient,
  invoiceCode: string,
  result: PaymentsAuthorizeResult,
) {
  if (result.outcome !== 'purchased' && result.outcome !== 'voided') return;
  world.purchases.set(`${dp.clientCode}|${invoiceCode}`, {
    clientCode: dp.clientCode,
    invoiceCode,
    transactionCode: result.payment.transactionCode,
    state: result.outcome === 'purchased' ? 'authorized' : 'voided',
  });
}

async function purchase(
  world: World,
  client: PlatformClient,
  dp: SandboxClient,
  buyer: SandboxParticipant,
  schedule: SandboxSchedule,
  invoiceCode: string,
): Promise<void> {
  const course = world.fixtures.courses.find((item) => item.courseCode === schedule.courseCode)!;
  // A new OTP per try (a 5xx or a drop on send-otp is never re-sent blindly by the SDK).
  for (let attempt = 1; attempt <= 3; attempt++) {
    world.ops.count('DP send-otp');
    let paymentToken: string;
    try {
      ({ paymentToken } = await client.payments.sendOtp({
        prakerjaId: buyer.prakerjaId,
        // One user_platform_id per token: the invariant checker ties purchases to tokens by it.
        userPlatformId: `${invoiceCode}-${attempt}`,
        courseCode: course.courseCode,
        scheduleCode: schedule.scheduleCode,
        amount: course.price,
      }));
    } catch (error) {
      if (isRefusal(error)) {
        world.ops.count(`DP purchase refused ${error.code}`);
        return;
      }
      continue;
    }
    const sms = await world.control.get<{ otp: string }>(
      `/sms/latest?prakerjaId=${buyer.prakerjaId}`,
    );
    const params = {
      paymentToken,
      otp: sms.otp,
      invoiceCode,
      invoiceUrl: `https://${dp.clientCode}.example/invoices/${invoiceCode}`,
    };
    world.ops.count('DP authorize');
    // The buyer double-clicks "pay" now and then: the same token and invoice, twice at once.
    const doubleClick = world.random.chance(0.15);
    if (doubleClick) world.faults.count('DP: authorize double-submitted');
    const results = await Promise.all(
      (doubleClick ? [1, 2] : [1]).map(() => client.payments.authorize(params)),
    );
    for (const answer of results) {
      if (answer.outcome === 'purchased' || answer.outcome === 'not_purchased') {
        world.dpOutcomes.push({
          call: 'authorize',
          clientCode: dp.clientCode,
          invoiceCode,
          userPlatformId: `${invoiceCode}-${attempt}`,
          outcome: answer.outcome,
        });
      }
    }
    const purchased = results.find((item) => item.outcome === 'purchased');
    const final =
      purchased ?? results.find((item) => item.outcome !== 'not_purchased') ?? results[0]!;
    if (final.outcome === 'purchased' || final.outcome === 'voided') {
      record(world, dp, invoiceCode, final);
      if (final.outcome === 'purchased') await handOver(world, dp, invoiceCode, buyer);
      return;
    }
    if (final.outcome === 'not_purchased' && final.reconciled) {
      // Told "nothing was bought" after an ambiguous failure, the buyer leaves: no retry masks a
      // purchase the program commits late (the no-contradicted-answer invariant checks it).
      world.ops.count('DP order closed: not purchased after reconciliation');
      return;
    }
    if (final.outcome === 'unknown') {
      world.ops.count('DP authorize outcome unknown');
      world.unknownInvoices.push({ clientCode: dp.clientCode, invoiceCode });
      return;
    }
    if (isRefusal(final.error) && final.error.code !== 'SBX_PLT40011') {
      world.ops.count(`DP purchase refused ${final.error.code}`);
      return;
    }
  }
}

/** The participant receives the redeem code (read from the control plane) and takes it to the LP. */
async function handOver(
  world: World,
  dp: SandboxClient,
  invoiceCode: string,
  buyer: SandboxParticipant,
) {
  if (!world.random.chance(0.7)) return;
  const transactions =
    await world.control.get<
      Array<{ clientCode: string; invoiceCode: string; redeemCode: string; courseCode: string }>
    >('/transactions');
  const bought = transactions.find(
    (item) => item.clientCode === dp.clientCode && item.invoiceCode === invoiceCode,
  );
  if (!bought) return;
  const course = world.fixtures.courses.find((item) => item.courseCode === bought.courseCode)!;
  world.redeemJobs.push({
    redeemCode: bought.redeemCode,
    provider: course.provider,
    email: `${buyer.prakerjaId}.${bought.redeemCode.toLowerCase()}@lms.example`,
  });
}

async function voidOne(world: World, client: PlatformClient, dp: SandboxClient, mine: string[]) {
  const index = world.random.int(0, mine.length - 1);
  const invoiceCode = mine.splice(index, 1)[0]!;
  const held = world.purchases.get(`${dp.clientCode}|${invoiceCode}`);
  if (held?.state !== 'authorized') return;
  world.ops.count('DP void');
  const result = await client.payments.void({ invoiceCode, transactionCode: held.transactionCode });
  if (result.outcome === 'voided' || result.outcome === 'not_voided') {
    world.dpOutcomes.push({
      call: 'void',
      clientCode: dp.clientCode,
      invoiceCode,
      transactionCode: held.transactionCode,
      outcome: result.outcome,
    });
  }
  if (result.outcome === 'voided') held.state = 'voided';
  else if (result.outcome === 'unknown') {
    world.ops.count('DP void outcome unknown');
    world.unknownInvoices.push({ clientCode: dp.clientCode, invoiceCode });
  } else mine.push(invoiceCode);
}

/** After the faults stop: asks payment status for every invoice whose outcome was unknown. */
export async function resolveUnknowns(world: World, partners: Map<string, PlatformPartner>) {
  for (const { clientCode, invoiceCode } of world.unknownInvoices) {
    const { client } = partners.get(clientCode)!;
    try {
      const payment = await client.payments.retrieve({ invoiceCode });
      world.purchases.set(`${clientCode}|${invoiceCode}`, {
        clientCode,
        invoiceCode,
        transactionCode: payment.transactionCode,
        state: payment.state === 'voided' ? 'voided' : 'authorized',
      });
    } catch (error) {
      if (!(isRefusal(error) && error.code === 'SBX_PLT40016')) throw error;
      world.purchases.delete(`${clientCode}|${invoiceCode}`);
    }
  }
  // The watchers catch up without faults: each poll emits what changed since the last one.
  for (const { watcher } of partners.values()) {
    for (let round = 0; round < 3; round++) await watcher.poll();
  }
}
