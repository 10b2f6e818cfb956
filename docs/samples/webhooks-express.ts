import type { WebhookReceiver } from '@prakerja-kit/webhooks';
import express, { type Express } from 'express';

/** Express 5: the webhook route reads its body raw; every other route parses JSON. */
export function createExpressApp(receiver: WebhookReceiver): Express {
  const app = express();
  // express.raw() on this route only: req.body is the Buffer the signature covers. Register it
  // before any app.use(express.json()), which would consume the body first.
  app.post('/webhooks/prakerja', express.raw({ type: 'application/json' }), async (req, res) => {
    // 204 done or duplicate, 400 forged, 409 + Retry-After while in progress, 500 handler failed.
    const { status, headers, body } = await receiver.respond({
      payload: req.body,
      headers: req.headers,
    });
    res
      .status(status)
      .set(headers)
      .send(body ?? undefined);
  });
  app.use(express.json());
  app.post('/orders', (req, res) => {
    res.json({ received: req.body });
  });
  return app;
}
