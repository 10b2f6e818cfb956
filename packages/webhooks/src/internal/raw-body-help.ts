/** How to get the raw request body in common frameworks; quoted by every raw-body error. */
export const RAW_BODY_HELP =
  'Pass the raw request body (string or bytes), never a parsed or re-serialised one. ' +
  "Express: mount express.raw({ type: 'application/json' }) on the webhook route only (not app.use(express.json()) before it), then pass req.body; " +
  "Fastify: register the webhook route in a plugin that calls addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => done(null, body)), so other routes keep parsing JSON; " +
  'Koa: with koa-bodyparser mounted, pass ctx.request.rawBody; without it, receiveNodeRequest(receiver, ctx.req); ' +
  'Hono: await c.req.text() or receiver.receiveRequest(c.req.raw), in a route no body-reading middleware or validator runs before; ' +
  'Next.js: await request.text() or receiver.receiveRequest(request) in a route handler (Pages Router: bodyParser: false).';
