// The Next.js route handler, called in-process with a `NextRequest` from next/server (the fetch
// Request subclass Next gives App Router handlers): quick, and it checks the recipe against Next's
// own request type. The same recipe on a real `next dev` server on loopback, importing the built
// package, is webhooks-next-server.test.ts.
import {
  createWebhookReceiver,
  generateSecret,
  type WebhookEventOf,
  type WebhookReceiver,
} from '@prakerja-kit/webhooks';
import { createTestDelivery, createTestEvent } from '@prakerja-kit/webhooks/testing';
import { NextRequest } from 'next/server';
import { expect, it } from 'vitest';
import { webhookRoute } from '../../samples/webhooks-next-route.js';

const quiet = { warn: () => {}, error: () => {} };
const URL = 'http://localhost:3000/api/webhooks/prakerja';

function setup() {
  const secret = generateSecret();
  const runs: string[] = [];
  let gate: Promise<void> | undefined;
  const receiver: WebhookReceiver = createWebhookReceiver({
    secret,
    logger: quiet,
    leaseMs: 30_000,
  }).on('payment.voided', async (event: WebhookEventOf<'payment.voided'>) => {
    runs.push(event.id);
    await gate;
  });
  const request = (delivery: { body: string; headers: Record<string, string> }) =>
    new NextRequest(URL, { method: 'POST', headers: delivery.headers, body: delivery.body });
  return {
    secret,
    runs,
    receiver,
    request,
    hold: () => {
      let release!: () => void;
      gate = new Promise((resolve) => {
        release = resolve;
      });
      return release;
    },
  };
}

it('answers a valid delivery 204 once, its duplicate 204 without a second run, a forged one 400', async () => {
  const { secret, runs, receiver, request } = setup();
  const { POST } = webhookRoute(receiver);
  const event = createTestEvent('payment.voided');
  expect((await POST(request(await createTestDelivery({ event, secret })))).status).toBe(204);
  expect((await POST(request(await createTestDelivery({ event, secret })))).status).toBe(204);
  const forged = await POST(request(await createTestDelivery({ event, secret: generateSecret() })));
  expect(forged.status).toBe(400);
  expect(await forged.json()).toMatchObject({ check: 'signature' });
  expect(runs).toEqual([event.id]);
});

it('answers a delivery arriving mid-processing 409 with Retry-After', async () => {
  const { secret, runs, receiver, request, hold } = setup();
  const { POST } = webhookRoute(receiver);
  const event = createTestEvent('payment.voided');
  const release = hold();
  const first = POST(request(await createTestDelivery({ event, secret })));
  await expect.poll(() => runs.length).toBe(1);
  const during = await POST(request(await createTestDelivery({ event, secret })));
  expect(during.status).toBe(409);
  expect(during.headers.get('retry-after')).toBe('30');
  release();
  expect((await first).status).toBe(204);
  expect(runs).toEqual([event.id]);
});

it('answers 400 naming the fix when the handler read the body first', async () => {
  const { secret, runs, receiver, request } = setup();
  // The trap: reading request.json() (to log or route) before handing the request over.
  const POST = async (incoming: NextRequest) => {
    await incoming.json();
    return receiver.receiveRequest(incoming);
  };
  const event = createTestEvent('payment.voided');
  const answer = await POST(request(await createTestDelivery({ event, secret })));
  expect(answer.status).toBe(400);
  const { error } = (await answer.json()) as { error: string };
  expect(error).toContain('Next.js: await request.text() or receiver.receiveRequest(request)');
  expect(runs).toEqual([]);
});
