// Regression (issue 14): a 307 from the program host must not carry the signed authorize (client
// code, signature, timestamp, the OTP in the body) to another origin, and that origin's 200 must
// never be reported as a purchase. Both with the SDK's default fetch and with globalThis.fetch,
// which follows redirects unless told not to.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createPlatformClient } from '../src/index.js';

const OTP = '482913';
const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

interface Received {
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

async function serve(reply: (request: Received, response: ServerResponse) => void) {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => {
      const entry = { url: request.url ?? '', headers: request.headers, body };
      received.push(entry);
      reply(entry, response);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received };
}

function success(response: ServerResponse, data: unknown): void {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ success: true, message: 'Success', data }));
}

const paid = {
  created_at: '2026-11-20T03:00:00Z',
  invoice_code: 'INV-REDIRECT-1',
  transaction_code: 'TRX0000000000001',
  amount: 250000,
  status: 'SUCCESS',
  prakerja_name: 'Peserta Uji',
};

const fetches: ReadonlyArray<[string, typeof globalThis.fetch | undefined]> = [
  ['the default fetch', undefined],
  ['fetch: globalThis.fetch', (input, init) => globalThis.fetch(input, init)],
];

describe('a redirect from the program host', () => {
  for (const [name, fetch] of fetches) {
    it(`is not a purchase, and nothing reaches the other origin, with ${name}`, async () => {
      // Would answer every call as a successful, paid purchase.
      const elsewhere = await serve((_request, response) => success(response, paid));
      const program = await serve((request, response) => {
        response.writeHead(307, { location: `${elsewhere.url}${request.url}` });
        response.end();
      });
      const client = createPlatformClient({
        clientCode: 'dp-test-fake',
        signKey: 'sk_test_fake_0123456789',
        baseUrl: program.url,
        env: {},
        logLevel: 'silent',
        timeout: 2_000,
        retry: { baseDelayMs: 1, maxDelayMs: 2 },
        ...(fetch ? { fetch } : {}),
      });
      const result: unknown = await client.payments
        .authorize({
          paymentToken: 'ptk_fake_token',
          otp: OTP,
          invoiceCode: 'INV-REDIRECT-1',
          invoiceUrl: 'https://shop.test/invoices/INV-REDIRECT-1',
        })
        .catch((error: unknown) => ({ thrown: error }));
      expect((result as { outcome?: unknown }).outcome).not.toBe('purchased');
      expect(elsewhere.received).toHaveLength(0);
      // The signed authorize did reach the configured origin (and only it).
      const authorize = program.received.find((request) =>
        request.url.endsWith('/payment/authorize'),
      );
      expect(authorize?.body).toContain(OTP);
      expect(authorize?.headers['signature']).toMatch(/^[0-9a-f]{40}$/);
    });
  }
});
