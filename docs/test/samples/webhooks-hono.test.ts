import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createHonoApp } from '../../samples/webhooks-hono.js';
import { describeRecipe, type RecipeServer } from '../support/webhook-recipes.js';

function listenHono(app: Hono): Promise<RecipeServer> {
  return new Promise((resolve) => {
    const server = serve(
      { fetch: app.fetch, port: 0, hostname: '127.0.0.1' },
      (info: AddressInfo) =>
        resolve({
          url: `http://127.0.0.1:${info.port}`,
          close: () =>
            new Promise<void>((done, fail) =>
              server.close((error) => (error ? fail(error) : done())),
            ),
        }),
    );
  });
}

describeRecipe('Hono on @hono/node-server', {
  start: async (receiver) => listenHono(createHonoApp(receiver)),
  // The trap: a middleware that reads the JSON body (logging, a validator) before the route.
  startConsumed: async (receiver) => {
    const app = new Hono();
    app.use(async (c, next) => {
      await c.req.json();
      await next();
    });
    app.route('/', createHonoApp(receiver));
    return listenHono(app);
  },
  fix: 'Hono: await c.req.text() or receiver.receiveRequest(c.req.raw)',
});
