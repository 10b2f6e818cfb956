import { createServer } from 'node:http';
import type { WebhookReceiver } from '@prakerja-kit/webhooks';
import { createNodeHandler } from '@prakerja-kit/webhooks/node';

/** Plain node:http: createNodeHandler reads the raw body and answers with toWebhookResponse. */
export function createNodeServer(receiver: WebhookReceiver) {
  const handle = createNodeHandler(receiver);
  return createServer((request, response) => {
    if (request.method === 'POST' && request.url === '/webhooks/prakerja') {
      void handle(request, response);
      return;
    }
    response.writeHead(404).end();
  });
}
