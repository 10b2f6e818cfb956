/** How to get the raw request body in common frameworks; quoted by every raw-body error. */
export const RAW_BODY_HELP =
  'Pass the raw request body (string or bytes), never a parsed or re-serialised one. ' +
  "Express: mount express.raw({ type: 'application/json' }) on the webhook route only, then pass req.body; " +
  "Fastify: register the webhook route in a plugin whose addContentTypeParser('application/json') uses parseAs: 'buffer'; " +
  'Koa: with koa-bodyparser mounted, pass ctx.request.rawBody; without it, receiveNodeRequest(receiver, ctx.req); ' +
  'Hono: await c.req.text() or receiver.receiveRequest(c.req.raw), before any body-reading middleware; ' +
  'Next.js: await request.text() or receiver.receiveRequest(request) (Pages Router: bodyParser: false).';
