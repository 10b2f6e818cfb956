import type { WebhookHttpResponse, WebhookReceiver } from '@prakerja-kit/webhooks';
import { receiveNodeRequest } from '@prakerja-kit/webhooks/node';
import Koa, { type Context } from 'koa';
import bodyParser from 'koa-bodyparser';

const WEBHOOK_PATH = '/webhooks/prakerja';

function answer(ctx: Context, { status, headers, body }: WebhookHttpResponse) {
  ctx.status = status;
  ctx.set(headers);
  if (body !== null) ctx.body = body;
}

// #region with-bodyparser
/** Koa 3 with koa-bodyparser mounted for the whole app: verify ctx.request.rawBody. */
export function createKoaApp(receiver: WebhookReceiver) {
  const app = new Koa();
  app.use(bodyParser());
  app.use(async (ctx, next) => {
    if (ctx.method !== 'POST' || ctx.path !== WEBHOOK_PATH) return next();
    // koa-bodyparser keeps the raw text beside the parsed ctx.request.body.
    answer(ctx, await receiver.respond({ payload: ctx.request.rawBody, headers: ctx.headers }));
  });
  app.use(async (ctx) => {
    if (ctx.method === 'POST' && ctx.path === '/orders') ctx.body = { received: ctx.request.body };
  });
  return app;
}
// #endregion

// #region without-bodyparser
/** Koa 3 without a body parser: receiveNodeRequest reads the raw body from ctx.req. */
export function createPlainKoaApp(receiver: WebhookReceiver) {
  const app = new Koa();
  app.use(async (ctx, next) => {
    if (ctx.method !== 'POST' || ctx.path !== WEBHOOK_PATH) return next();
    answer(ctx, await receiveNodeRequest(receiver, ctx.req));
  });
  return app;
}
// #endregion
