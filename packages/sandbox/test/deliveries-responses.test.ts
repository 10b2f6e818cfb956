import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWebhookReceiver, generateSecret } from '@prakerja-kit/webhooks';
import { createNodeHandler } from '@prakerja-kit/webhooks/node';
import { afterEach, expect, it } from 'vitest';
import { useSandbox } from '../src/vitest.js';
import { control } from './helpers.js';

const env = useSandbox({ webhooks: { retryDelaysMs: [60_000], timeoutMs: 300 } });
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function serve(listener: RequestListener): Promise<string> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
}

const silent = { warn: () => undefined, error: () => undefined };

it('POST /__sandbox/events delivers through the log, which keeps the refusal and its check', async () => {
  // The receiver holds another secret: it refuses with 400 { error, check: "signature" }.
  const url = await serve(
    createNodeHandler(createWebhookReceiver({ secret: generateSecret(), logger: silent })),
  );
  const endpoint = env.control.webhooks.add({ url });
  const triggered = await control(env.url, 'POST', '/events', {
    type: 'payment.voided',
    data: { invoice_code: 'INV-EVT-1' },
  });
  expect(triggered.status).toBe(200);
  expect(triggered.body.event).toMatchObject({
    id: expect.stringMatching(/^evt_/),
    type: 'payment.voided',
    data: { invoice_code: 'INV-EVT-1' },
  });
  expect(triggered.body.deliveries).toEqual([
    expect.objectContaining({ endpointId: endpoint.id, eventId: triggered.body.event.id }),
  ]);
  await env.control.deliveries.settle();
  const { body: delivery } = await control(
    env.url,
    'GET',
    `/deliveries/${triggered.body.deliveries[0].id}`,
  );
  expect(delivery.status).toBe('pending');
  const [attempt] = delivery.attempts;
  expect(attempt).toMatchObject({
    statusCode: 400,
    error: null,
    responseBodyTruncated: false,
    responseHeaders: expect.objectContaining({ 'content-type': expect.stringContaining('json') }),
  });
  expect(JSON.parse(attempt.responseBody)).toEqual({
    error: expect.stringContaining('signature'),
    check: 'signature',
  });
  // No signature and no secret in the log.
  const log = JSON.stringify((await control(env.url, 'GET', '/deliveries')).body);
  expect(log).not.toMatch(/v1,/);
  expect(log).not.toContain(endpoint.secret);
  expect(log).not.toContain('webhook-signature');
  expect(env.control.events.list('payment.voided').map((event) => event.id)).toEqual([
    triggered.body.event.id,
  ]);
});

it('keeps the first 2 KB of a long response body and marks it truncated', async () => {
  const url = await serve((_request, response) => {
    response.writeHead(503, { 'content-type': 'text/plain', 'x-trace': 'abc' });
    response.end('a'.repeat(5000));
  });
  env.control.webhooks.add({ url });
  const { deliveries } = env.control.events.trigger({ type: 'payment.authorized', data: {} });
  await env.control.deliveries.settle();
  const [attempt] = env.control.deliveries.get(deliveries[0]!.id)!.attempts;
  expect(attempt).toMatchObject({
    statusCode: 503,
    responseBody: 'a'.repeat(2048),
    responseBodyTruncated: true,
    responseHeaders: expect.objectContaining({ 'x-trace': 'abc' }),
  });
});

it('records why a network failure or a timeout gave no answer', async () => {
  const slow = await serve(() => undefined); // never answers
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const { port } = closed.address() as AddressInfo;
  await new Promise((resolve) => closed.close(resolve));
  env.control.webhooks.add({ url: `http://127.0.0.1:${port}/hooks` });
  env.control.webhooks.add({ url: slow });
  const { deliveries } = env.control.events.trigger({ type: 'payment.authorized', data: {} });
  await env.control.deliveries.settle();
  const [refused, timedOut] = deliveries.map(
    (each) => env.control.deliveries.get(each.id)!.attempts[0]!,
  );
  expect(refused).toMatchObject({
    statusCode: null,
    responseHeaders: null,
    responseBody: null,
    error: expect.stringContaining('ECONNREFUSED'),
  });
  expect(timedOut).toMatchObject({
    statusCode: null,
    responseBody: null,
    error: expect.stringMatching(/^TimeoutError/),
  });
});

it('keeps response details on the latest 20 attempts only', async () => {
  const url = await serve((_request, response) => response.writeHead(500).end('nope'));
  env.control.webhooks.add({ url });
  const { deliveries } = env.control.events.trigger({ type: 'payment.authorized', data: {} });
  const id = deliveries[0]!.id;
  await env.control.deliveries.settle();
  for (let round = 0; round < 21; round += 1) {
    env.control.deliveries.redeliver(id);
    await env.control.deliveries.settle();
  }
  const { attempts } = env.control.deliveries.get(id)!;
  expect(attempts).toHaveLength(22);
  expect(attempts.slice(0, 2).map((each) => [each.statusCode, each.responseBody])).toEqual([
    [500, null],
    [500, null],
  ]);
  expect(attempts.slice(2).every((each) => each.responseBody === 'nope')).toBe(true);
});

it('exports the response fields and still imports a state saved without them', async () => {
  const url = await serve((_request, response) => response.writeHead(204).end());
  env.control.webhooks.add({ url });
  env.control.events.trigger({ type: 'payment.authorized', data: {} });
  await env.control.deliveries.settle();
  const saved = (await control(env.url, 'GET', '/state')).body;
  expect(saved.deliveries[0].attempts[0]).toMatchObject({
    statusCode: 204,
    responseBody: '',
    responseBodyTruncated: false,
  });
  for (const delivery of saved.deliveries) {
    for (const attempt of delivery.attempts) {
      delete attempt.responseHeaders;
      delete attempt.responseBody;
      delete attempt.responseBodyTruncated;
    }
  }
  expect((await control(env.url, 'PUT', '/state', saved)).status).toBe(200);
  expect(env.control.deliveries.list()[0]!.attempts[0]).toMatchObject({
    statusCode: 204,
    responseHeaders: null,
    responseBody: null,
    responseBodyTruncated: false,
  });
  saved.deliveries[0].attempts[0].responseBody = 'x'.repeat(2049);
  expect((await control(env.url, 'PUT', '/state', saved)).status).toBe(400);
});

it('refuses a bad event trigger with a clear status', async () => {
  const unknown = await control(env.url, 'POST', '/events', { type: 'no.such.event' });
  expect(unknown.status).toBe(400);
  expect(unknown.body.error).toContain('payment.authorized');
  expect(
    (await control(env.url, 'POST', '/events', { type: 'payment.voided', data: [] })).status,
  ).toBe(400);
  expect(
    (await control(env.url, 'POST', '/events', { type: 'payment.voided', id: 'a b' })).status,
  ).toBe(400);
  const first = await control(env.url, 'POST', '/events', {
    type: 'payment.voided',
    id: 'evt_same',
  });
  expect(first.body).toMatchObject({ event: { id: 'evt_same' }, deliveries: [] });
  const again = await control(env.url, 'POST', '/events', {
    type: 'payment.voided',
    id: 'evt_same',
  });
  expect(again.status).toBe(409);
  expect(() => env.control.events.trigger({ type: 'nope' })).toThrow(/must be one of/);
});
