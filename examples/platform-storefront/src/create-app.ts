import {
  type Catalogue,
  type Course,
  createCatalogue,
  createPaymentWatcher,
  describePurchaseError,
  type FollowedOutcome,
  type PaymentEvent,
  type PaymentWatcher,
  type PlatformClient,
  type Schedule,
} from '@prakerja-kit/platform';
import { Hono } from 'hono';
import { createInvoiceCode, createOrderStore, type Order, type OrderStore } from './orders.js';
import { reconcileOrder } from './reconcile-order.js';
import { checkoutPage, coursesPage, invoicePage, messagePage, otpPage } from './views.js';

/** Options of {@link createApp}. */
export interface StorefrontOptions {
  /** The DP client (sandbox or production credentials). */
  client: PlatformClient;
  /** The DP's own catalogue: the program has no catalogue endpoint, only live seats. */
  courses: readonly Course[];
  schedules: readonly Schedule[];
  /** This storefront's public origin, for the `invoice_url` sent to authorize. */
  publicUrl: string;
  /** Development only: reads the OTP from the sandbox SMS inbox, to show it on the OTP page. */
  devOtp?: ((prakerjaId: string) => Promise<string | undefined>) | undefined;
  /** Development only: prefills the Kartu Prakerja number at checkout. */
  devPrakerjaId?: string | undefined;
  orders?: OrderStore | undefined;
  /** Progress lines; silent by default. Never given a token, OTP or full Prakerja id. */
  log?: ((line: string) => void) | undefined;
  /**
   * First delay between payment-status polls of an order whose outcome is unknown, in ms.
   * @default 5000
   */
  followIntervalMs?: number | undefined;
}

/** The storefront app, with the watcher that follows its purchases. */
export type Storefront = Hono & {
  /**
   * Follows every purchase: an `unknown` authorize or void until the program's answer is
   * definitive, a paid one until it is voided; updates the order then (polling starts with the
   * first purchase). Stop it when shutting down.
   */
  readonly followUp: PaymentWatcher;
};

const mask = (value: string) => `••••${value.slice(-4)}`;

/**
 * The storefront: course list with live seats (only purchasable schedules can be bought),
 * checkout with OTP, invoice, void. Every purchase outcome the SDK can report is handled: an
 * unknown one is followed by a payment watcher until the program's answer is definitive, so it
 * is never forgotten and never shown as failed while it could still go through.
 */
export function createApp(options: StorefrontOptions): Storefront {
  const { client, courses, schedules } = options;
  const orders = options.orders ?? createOrderStore();
  const log = options.log ?? (() => {});
  const catalogue: Catalogue = createCatalogue(client, { ttlMs: 2_000 });

  // What the watcher settles: the program's definitive answer for an order in doubt.
  const settle = (outcome: FollowedOutcome) => {
    const order = orders.get(outcome.invoiceCode);
    if (!order) return;
    order.voidPending = undefined;
    switch (outcome.outcome) {
      case 'purchased':
      case 'not_voided':
        Object.assign(order, { state: 'paid', transactionCode: outcome.payment.transactionCode });
        if (outcome.outcome === 'not_voided') {
          order.message = 'Pembatalan tidak terjadi. Silakan coba lagi.';
        }
        break;
      case 'voided':
        Object.assign(order, { state: 'voided', transactionCode: outcome.payment.transactionCode });
        break;
      case 'not_purchased':
        Object.assign(order, {
          state: 'failed',
          message: 'Pembayaran tidak terjadi. Silakan ulangi pembelian.',
        });
        break;
    }
    order.paymentToken = undefined;
    catalogue.invalidate(order);
    orders.save(order);
    log(`${order.invoiceCode} settled by the watcher: ${outcome.operation} → ${outcome.outcome}`);
  };
  // What the watcher reports for any watched purchase: a void made elsewhere (the program's side,
  // another of your services) reaches the order without anyone viewing its invoice.
  const onEvent = (event: PaymentEvent) => {
    const order = orders.get(event.data.invoice_code);
    if (!order) return;
    if (event.type === 'payment.voided' && order.state !== 'voided') {
      Object.assign(order, { state: 'voided', voidPending: undefined });
      catalogue.invalidate(order);
      orders.save(order);
      log(`${order.invoiceCode} voided (seen by the watcher)`);
    }
  };
  const followUp = createPaymentWatcher(client, {
    intervalMs: options.followIntervalMs ?? 5_000,
    maxIntervalMs: 60_000,
    onEvent,
    onOutcome: settle,
    onError: (error, invoiceCode) =>
      log(`${invoiceCode}: status lookup failed (${(error as Error).name}); will ask again`),
  });
  // Polling starts with the first purchase handed to the watcher (no timer for an idle app).
  let polling = false;
  const ensurePolling = () => {
    if (polling) return;
    polling = true;
    followUp.start();
  };
  // Every purchase is followed until it cannot change any more (voided): an unknown one until
  // the program's answer is definitive, a paid one in case it is voided.
  const follow = {
    follow: async (pending: Parameters<PaymentWatcher['follow']>[0]) => {
      const enrolled = await followUp.follow(pending);
      ensurePolling();
      return enrolled;
    },
  };
  const watchPurchase = async (invoiceCode: string) => {
    await followUp.watch(invoiceCode);
    ensurePolling();
  };
  const courseOf = (code: string) => courses.find((course) => course.courseCode === code);
  const app = new Hono();

  app.get('/', async (context) =>
    context.html(coursesPage(courses, await catalogue.withSeats(schedules))),
  );

  app.get('/checkout/:scheduleCode', (context) => {
    const schedule = schedules.find(
      (item) => item.scheduleCode === context.req.param('scheduleCode'),
    );
    const course = schedule && courseOf(schedule.courseCode);
    if (!schedule || !course)
      return context.html(messagePage('Tidak ditemukan', 'Jadwal tidak ada.'), 404);
    return context.html(checkoutPage(course, schedule, options.devPrakerjaId ?? ''));
  });

  app.post('/checkout/:scheduleCode', async (context) => {
    const schedule = schedules.find(
      (item) => item.scheduleCode === context.req.param('scheduleCode'),
    );
    const course = schedule && courseOf(schedule.courseCode);
    if (!schedule || !course)
      return context.html(messagePage('Tidak ditemukan', 'Jadwal tidak ada.'), 404);
    const prakerjaId = String((await context.req.parseBody())['prakerja_id'] ?? '').trim();
    const order: Order = {
      invoiceCode: createInvoiceCode(),
      prakerjaId,
      courseCode: course.courseCode,
      scheduleCode: schedule.scheduleCode,
      amount: course.price,
      state: 'awaiting-otp',
      paymentToken: undefined,
      transactionCode: undefined,
      message: undefined,
    };
    try {
      const challenge = await client.payments.sendOtp({
        prakerjaId,
        userPlatformId: `user-${prakerjaId}`,
        courseCode: course.courseCode,
        scheduleCode: schedule.scheduleCode,
        amount: course.price,
      });
      order.paymentToken = challenge.paymentToken;
      order.paymentTokenExpiresAt = challenge.expiresAt;
    } catch (error) {
      // Each program refusal becomes a message for the buyer (program-api.md §2: the DP must map them).
      const described = describePurchaseError(error);
      log(`send-otp refused for ${mask(prakerjaId)}: ${described.reason}`);
      return context.html(checkoutPage(course, schedule, prakerjaId, described.message.id), 422);
    }
    orders.save(order);
    log(`OTP sent for ${order.invoiceCode} (${mask(prakerjaId)})`);
    return context.redirect(`/orders/${order.invoiceCode}/otp`, 303);
  });

  app.get('/orders/:invoiceCode/otp', async (context) => {
    const order = orders.get(context.req.param('invoiceCode'));
    if (!order) return context.html(messagePage('Tidak ditemukan', 'Pesanan tidak ada.'), 404);
    if (order.state !== 'awaiting-otp')
      return context.redirect(`/invoices/${order.invoiceCode}`, 303);
    return context.html(otpPage(order, await options.devOtp?.(order.prakerjaId)));
  });

  app.post('/orders/:invoiceCode/otp', async (context) => {
    const order = orders.get(context.req.param('invoiceCode'));
    if (!order) return context.html(messagePage('Tidak ditemukan', 'Pesanan tidak ada.'), 404);
    if (order.state !== 'awaiting-otp' || !order.paymentToken) {
      return context.redirect(`/invoices/${order.invoiceCode}`, 303);
    }
    const otp = String((await context.req.parseBody())['otp'] ?? '').trim();
    const result = await client.payments.authorize(
      {
        paymentToken: order.paymentToken,
        otp,
        invoiceCode: order.invoiceCode,
        invoiceUrl: `${options.publicUrl}/invoices/${order.invoiceCode}`,
        paymentTokenExpiresAt: order.paymentTokenExpiresAt,
      },
      // An unknown outcome is enrolled with the watcher in the same call.
      { follow },
    );
    switch (result.outcome) {
      case 'purchased':
        Object.assign(order, { state: 'paid', transactionCode: result.payment.transactionCode });
        order.paymentToken = undefined;
        catalogue.invalidate(order);
        await watchPurchase(order.invoiceCode);
        log(
          `${order.invoiceCode} paid${result.reconciled ? ' (reconciled after a lost answer)' : ''}`,
        );
        break;
      case 'voided':
        Object.assign(order, { state: 'voided', transactionCode: result.payment.transactionCode });
        order.paymentToken = undefined;
        break;
      case 'not_purchased': {
        const described = describePurchaseError(result.error);
        log(`${order.invoiceCode} not purchased: ${described.reason}`);
        // A mistyped OTP can be typed again with the same token; anything else ends the order.
        if (described.retryable && !result.reconciled) {
          return context.html(
            otpPage(order, await options.devOtp?.(order.prakerjaId), described.message.id),
            422,
          );
        }
        Object.assign(order, { state: 'failed', message: described.message.id });
        order.paymentToken = undefined;
        break;
      }
      case 'unknown':
        // Never re-send authorize, never tell the buyer it failed: the watcher follows it.
        Object.assign(order, { state: 'unknown' });
        log(`${order.invoiceCode} outcome unknown; followed through payment/status`);
        break;
    }
    orders.save(order);
    return context.redirect(`/invoices/${order.invoiceCode}`, 303);
  });

  app.get('/invoices/:invoiceCode', async (context) => {
    const order = orders.get(context.req.param('invoiceCode'));
    if (!order) return context.html(messagePage('Tidak ditemukan', 'Invoice tidak ada.'), 404);
    const programStatus = await reconcileOrder(client, order);
    orders.save(order);
    return context.html(invoicePage(order, courseOf(order.courseCode), programStatus));
  });

  app.post('/invoices/:invoiceCode/void', async (context) => {
    const order = orders.get(context.req.param('invoiceCode'));
    if (!order?.transactionCode || order.state !== 'paid') {
      return context.html(
        messagePage('Tidak bisa dibatalkan', 'Hanya pesanan lunas yang bisa dibatalkan.'),
        409,
      );
    }
    const result = await client.payments.void(
      { invoiceCode: order.invoiceCode, transactionCode: order.transactionCode },
      { follow },
    );
    if (result.outcome === 'voided') {
      order.state = 'voided';
      catalogue.invalidate(order);
      log(
        `${order.invoiceCode} voided${result.reconciled ? ' (reconciled after a lost answer)' : ''}`,
      );
    } else if (result.outcome === 'not_voided') {
      order.message = describePurchaseError(result.error).message.id;
    } else {
      Object.assign(order, { state: 'unknown', voidPending: true });
    }
    orders.save(order);
    return context.redirect(`/invoices/${order.invoiceCode}`, 303);
  });

  app.get('/health', (context) => context.json({ ok: true }));
  return Object.assign(app, { followUp });
}
