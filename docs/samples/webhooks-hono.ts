import type { WebhookReceiver } from '@prakerja-kit/webhooks';
import { Hono } from 'hono';

/**
 * Hono (on @hono/node-server, Workers, Bun or Deno): hand the untouched Request to the receiver.
 * No middleware or validator may read the body before this route.
 */
export function createHonoApp(receiver: WebhookReceiver) {
  const app = new Hono();
  app.post('/webhooks/prakerja', (c) => receiver.receiveRequest(c.req.raw));
  app.post('/orders', async (c) => c.json({ received: await c.req.json() }));
  return app;
}
