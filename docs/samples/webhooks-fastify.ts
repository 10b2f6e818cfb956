import type { WebhookReceiver } from '@prakerja-kit/webhooks';
import Fastify, { type FastifyPluginAsync } from 'fastify';

/**
 * The webhook route in a plugin of its own: the raw-body parser registered inside it applies to
 * this plugin's routes only (Fastify encapsulation; do not wrap it in fastify-plugin).
 */
export function webhookRoutes(receiver: WebhookReceiver): FastifyPluginAsync {
  return async (app) => {
    app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) =>
      done(null, body),
    );
    app.post('/webhooks/prakerja', async (request, reply) => {
      const { status, headers, body } = await receiver.respond({
        payload: request.body as Buffer,
        headers: request.headers,
      });
      return reply
        .code(status)
        .headers(headers)
        .send(body ?? undefined);
    });
  };
}

/** Fastify 5: other routes keep Fastify's JSON parser. */
export function createFastifyApp(receiver: WebhookReceiver) {
  const app = Fastify();
  app.register(webhookRoutes(receiver));
  app.post('/orders', async (request) => ({ received: request.body }));
  return app;
}
