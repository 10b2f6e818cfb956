import {
  createWebhookReceiver,
  type IdempotencyStore,
  type WebhookReceiver,
} from '@prakerja-kit/webhooks';
import { Hono } from 'hono';
import type { Ledger } from './ledger.js';
import { formatIdr, mask } from './mask.js';

/** The path the program's event deliveries are posted to. */
export const WEBHOOK_PATH = '/webhooks/prakerja';

/** Options of {@link createApp}. */
export interface PaymentPartnerOptions {
  /** `whsec_…` secret(s) shared with the sender (`PRAKERJA_WEBHOOK_SECRET`). */
  secret: string | readonly string[];
  /** Where disbursements are recorded; the ledger decides "already paid". */
  ledger: Ledger;
  /** Event-id dedupe in front of the ledger; share one (Redis) across instances. */
  store?: IdempotencyStore | undefined;
  /** Progress lines; silent by default (tests), `console.log` in `main.ts`. */
  log?: ((line: string) => void) | undefined;
}

/**
 * The payment partner's web app: one webhook route that verifies each delivery, processes each
 * event once (dedupe store) and pays each disbursement once (ledger), plus a read-only ledger view.
 */
export function createApp(options: PaymentPartnerOptions): Hono {
  const { ledger, log = () => {} } = options;
  const receiver: WebhookReceiver = createWebhookReceiver({
    secret: options.secret,
    store: options.store,
    // Refused deliveries (bad signature, parsed or oversized body) and store troubles.
    logger: {
      warn: (message, fields) => log(`${message} ${JSON.stringify(fields)}`),
      error: (message, fields) => log(`${message} ${JSON.stringify(fields)}`),
    },
  })
    .on('incentive.disbursement_requested', async (event) => {
      const { disbursement_id, destination, amount } = event.data;
      const outcome = await ledger.pay({ ...event.data, event_id: event.id });
      log(
        `${outcome.padEnd(12)} ${disbursement_id} ${formatIdr(amount)} → ` +
          `${destination.provider} ${mask(destination.account_number)} ` +
          `(redeem ${mask(event.data.redeem_code)})`,
      );
    })
    .on('incentive.disbursement_cancelled', async (event) => {
      const outcome = await ledger.cancel({ ...event.data, event_id: event.id });
      log(`${outcome.padEnd(12)} ${event.data.disbursement_id}: ${event.data.reason}`);
    });

  const app = new Hono();
  // Verification needs the raw body: hand the untouched Request to the receiver.
  app.post(WEBHOOK_PATH, (context) => receiver.receiveRequest(context.req.raw));
  app.get('/ledger', (context) =>
    context.json({
      entries: ledger.entries().map((entry) =>
        entry.kind === 'paid'
          ? {
              ...entry,
              redeem_code: mask(entry.redeem_code),
              destination: {
                ...entry.destination,
                account_number: mask(entry.destination.account_number),
              },
            }
          : entry,
      ),
    }),
  );
  app.get('/health', (context) => context.json({ ok: true }));
  return app;
}
