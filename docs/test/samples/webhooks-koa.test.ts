import { createServer } from 'node:http';
import { createWebhookReceiver, generateSecret } from '@prakerja-kit/webhooks';
import Koa from 'koa';
import bodyParser from 'koa-bodyparser';
import { expect, it } from 'vitest';
import { createKoaApp, createPlainKoaApp } from '../../samples/webhooks-koa.js';
import { describeRecipe, listen } from '../support/webhook-recipes.js';

// The trap: koa-bodyparser read ctx.req, and the route reads ctx.req again.
const consumed = async (receiver: Parameters<typeof createPlainKoaApp>[0]) => {
  const app = new Koa();
  app.use(bodyParser());
  for (const middleware of createPlainKoaApp(receiver).middleware) app.use(middleware);
  return listen(createServer(app.callback()));
};

describeRecipe('Koa with koa-bodyparser', {
  start: async (receiver) => listen(createServer(createKoaApp(receiver).callback())),
  startConsumed: consumed,
  fix: 'Koa: with koa-bodyparser mounted, pass ctx.request.rawBody',
});

describeRecipe('Koa without a body parser', {
  start: async (receiver) => listen(createServer(createPlainKoaApp(receiver).callback())),
  startConsumed: consumed,
  fix: 'ctx.request.rawBody',
});

it('Koa: other routes still get the parsed body from koa-bodyparser', async () => {
  const app = createKoaApp(createWebhookReceiver({ secret: generateSecret() }));
  const server = await listen(createServer(app.callback()));
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
