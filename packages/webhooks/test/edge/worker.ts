// A Worker as a partner deploys it (see the Workers recipe in docs/guides/webhooks.md): the
// receiver is built per request with the secret from `env`, and duplicates are caught by the
// Durable Object store, shared by every isolate. Bundled by durable-object-store.test.ts and run
// in miniflare (workerd). Each handler run is recorded in KV so the test can count them.
import { createDurableObjectStore, createWebhookReceiver } from '../../src/index.js';

export { WebhookEventsObject } from '../../src/index.js';

interface Env {
  PRAKERJA_WEBHOOK_SECRET: string;
  WORKER_NAME: string;
  WEBHOOK_EVENTS: Parameters<typeof createDurableObjectStore>[0]['namespace'];
  RUNS: { put(key: string, value: string): Promise<void> };
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const receiver = createWebhookReceiver({
      secret: env.PRAKERJA_WEBHOOK_SECRET,
      store: createDurableObjectStore({ namespace: env.WEBHOOK_EVENTS }),
      logger: { warn: () => {}, error: () => {} },
    }).on('payment.voided', async (event) => {
      await env.RUNS.put(`${event.id}:${crypto.randomUUID()}`, env.WORKER_NAME);
      if (new URL(request.url).searchParams.has('slow')) {
        await new Promise((resolve) => setTimeout(resolve, 1_500));
      }
    });
    return receiver.receiveRequest(request);
  },
};
