// src/worker.ts of a Cloudflare Worker. wrangler.jsonc:
//   "durable_objects": { "bindings": [{ "name": "WEBHOOK_EVENTS", "class_name": "WebhookEventsObject" }] },
//   "migrations": [{ "tag": "v1", "new_sqlite_classes": ["WebhookEventsObject"] }]
// and `wrangler secret put PRAKERJA_WEBHOOK_SECRET`.
import {
  createDurableObjectStore,
  createWebhookReceiver,
  type DurableObjectNamespaceLike,
} from '@prakerja-kit/webhooks';

// The store's Durable Object class must be exported by the Worker's entry module.
export { WebhookEventsObject } from '@prakerja-kit/webhooks';

export interface Env {
  PRAKERJA_WEBHOOK_SECRET: string;
  /** `DurableObjectNamespace` in @cloudflare/workers-types. */
  WEBHOOK_EVENTS: DurableObjectNamespaceLike;
  /** Your backend, told once per voided payment. */
  LEDGER_URL: string;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (request.method !== 'POST' || pathname !== '/webhooks/prakerja') {
      return new Response(null, { status: 404 });
    }
    // Built per request, with the secret from env: nothing has to live in the isolate. The
    // lease and the processed marker live in the Durable Object of the event id, which every
    // isolate and location shares, so a duplicate is caught wherever it lands.
    const receiver = createWebhookReceiver({
      secret: env.PRAKERJA_WEBHOOK_SECRET,
      store: createDurableObjectStore({ namespace: env.WEBHOOK_EVENTS }),
    }).on('payment.voided', async (event) => {
      const response = await fetch(env.LEDGER_URL, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': event.id },
        body: JSON.stringify(event.data),
      });
      if (!response.ok) throw new Error(`ledger answered ${response.status}`); // 500: retried
    });
    return receiver.receiveRequest(request);
  },
};
