/** How to get the raw request body in common frameworks; quoted by every raw-body error. */
export const RAW_BODY_HELP =
  'Pass the raw request body (string or bytes), never a parsed or re-serialised one. ' +
  "Express: express.raw({ type: 'application/json' }) then req.body; " +
  "Fastify: addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => done(null, body)); " +
  'Hono: await c.req.text(); ' +
  'Next.js: await request.text() in a route handler (Pages Router: bodyParser: false).';
