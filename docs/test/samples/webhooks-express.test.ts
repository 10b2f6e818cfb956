import { createServer } from 'node:http';
import { createWebhookReceiver, generateSecret } from '@prakerja-kit/webhooks';
import express from 'express';
import { expect, it } from 'vitest';
import { createExpressApp } from '../../samples/webhooks-express.js';
import { describeRecipe, listen } from '../support/webhook-recipes.js';

describeRecipe('Express', {
  start: async (receiver) => listen(createServer(createExpressApp(receiver))),
  // The trap: app.use(express.json()) before the webhook route consumes the body.
  startConsumed: async (receiver) => {
    const app = express();
    app.use(express.json());
    app.use(createExpressApp(receiver));
    return listen(createServer(app));
  },
  fix: "Express: mount express.raw({ type: 'application/json' }) on the webhook route only",
});

it('Express: routes after the webhook route still parse JSON', async () => {
  const receiver = createWebhookReceiver({ secret: generateSecret() });
  const server = await listen(createServer(createExpressApp(receiver)));
  try {
    const response = await fetch(`${server.url}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 7 }),
    });
    expect(await response.json()).toEqual({ received: { id: 7 } });
  } finally {
    await server.close();
  }
});
