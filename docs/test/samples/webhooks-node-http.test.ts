import { createServer } from 'node:http';
import { createNodeHandler } from '@prakerja-kit/webhooks/node';
import { createNodeServer } from '../../samples/webhooks-node-http.js';
import { describeRecipe, listen } from '../support/webhook-recipes.js';

describeRecipe('node:http', {
  start: async (receiver) => listen(createNodeServer(receiver)),
  // The trap: something read the request stream (a logging or parsing step) before the handler.
  startConsumed: async (receiver) => {
    const handle = createNodeHandler(receiver);
    return listen(
      createServer(async (request, response) => {
        for await (const _chunk of request) {
          // drained by an earlier step
        }
        await handle(request, response);
      }),
    );
  },
  fix: 'the body was already parsed or read by a body parser',
});
