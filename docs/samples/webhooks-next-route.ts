import type { WebhookReceiver } from '@prakerja-kit/webhooks';

/**
 * A Next.js App Router route handler (the fetch `Request` path). In
 * `app/api/webhooks/prakerja/route.ts`, with the receiver built once at module scope:
 * `export const { POST } = webhookRoute(receiver);`
 *
 * The handler gets the untouched Request (Next never parses an App Router body), and the
 * receiver reads the raw bytes itself. Pages Router API routes need `bodyParser: false`.
 */
export function webhookRoute(receiver: WebhookReceiver) {
  return {
    POST: (request: Request): Promise<Response> => receiver.receiveRequest(request),
  };
}
