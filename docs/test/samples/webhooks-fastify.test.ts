import { createWebhookReceiver, generateSecret } from '@prakerja-kit/webhooks';
import { receiveNodeRequest } from '@prakerja-kit/webhooks/node';
import Fastify from 'fastify';
import { expect, it } from 'vitest';
import { createFastifyApp } from '../../samples/webhooks-fastify.js';
import { describeRecipe, type RecipeServer, WEBHOOK_PATH } from '../support/webhook-recipes.js';

async function listenFastify(app: ReturnType<typeof Fastify>): Promise<RecipeServer> {
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, close: () => app.close() };
}

describeRecipe('Fastify', {
  start: (receiver) => listenFastify(createFastifyApp(receiver)),
  // The trap: Fastify's JSON parser already read request.raw (no raw-body parser in scope).
  startConsumed: async (receiver) => {
    const app = Fastify();
    app.post(WEBHOOK_PATH, async (request, reply) => {
      const { status, headers, body } = await receiveNodeRequest(receiver, request.raw);
      return reply
        .code(status)
        .headers(headers)
        .send(body ?? undefined);
    });
    return listenFastify(app);
  },
  fix: 'Fastify: register the webhook route in a plugin',
});

it('Fastify: the raw-body parser stays inside the webhook plugin; other JSON routes are unaffected', async () => {
  const receiver = createWebhookReceiver({ secret: generateSecret() });
  const app = createFastifyApp(receiver);
  const server = await listenFastify(app);
  try {
    const response = await fetch(`${server.url}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 7 }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: { id: 7 } });
  } finally {
    await server.close();
  }
});
