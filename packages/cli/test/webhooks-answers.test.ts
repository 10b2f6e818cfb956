import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { createSandbox, type Sandbox, type SandboxServer } from '@prakerja-kit/sandbox';
import { createWebhookReceiver, generateSecret } from '@prakerja-kit/webhooks';
import { createNodeHandler } from '@prakerja-kit/webhooks/node';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { runCli } from '../src/run-cli.js';

let sandbox: Sandbox;
let server: SandboxServer;
const closers: (() => Promise<void>)[] = [];
const silent = { warn: () => undefined, error: () => undefined };

beforeAll(async () => {
  sandbox = createSandbox({ seed: 11, webhooks: { retryDelaysMs: [600_000] } });
  server = await sandbox.listen({ port: 0 });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.control.reset());
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function serve(listener: RequestListener): Promise<string> {
  const http = createServer(listener);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}/webhooks`;
}

/** A receiver built with @prakerja-kit/webhooks, holding `secret`. */
const receiver = (secret: string) =>
  serve(
    createNodeHandler(
      createWebhookReceiver({ secret, logger: silent }).on('payment.voided', () => undefined),
    ),
  );

async function cli(args: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const stdin = new PassThrough();
  stdin.end();
  const code = await runCli(args, {
    stdout: {
      write: (chunk: string) => {
        stdout += chunk;
        return true;
      },
    },
    stderr: {
      write: (chunk: string) => {
        stderr += chunk;
        return true;
      },
    },
    stdin,
    env,
    cwd: process.cwd(),
  } as never);
  return { code, stdout, stderr };
}

it('trigger without --to goes through the sandbox log and prints the failed check', async () => {
  const url = await receiver(generateSecret()); // not the endpoint's secret: refused
  const endpoint = sandbox.control.webhooks.add({ url });
  const result = await cli(['webhooks', 'trigger', 'payment.voided', '--sandbox', server.url]);
  expect(result.code).toBe(1);
  const [event] = sandbox.control.events.list('payment.voided');
  const [delivery] = sandbox.control.deliveries.list({ eventId: event!.id });
  expect(delivery).toMatchObject({ endpointId: endpoint.id, attempts: [{ statusCode: 400 }] });
  expect(result.stdout).toContain(`payment.voided ${event!.id} → ${url} 400`);
  expect(result.stdout).toContain('failed check: signature');
  expect(result.stdout).toMatch(
    /response body: \{"error":"Webhook verification failed \(signature\)/,
  );

  const json = await cli([
    'webhooks',
    'trigger',
    'payment.voided',
    '--sandbox',
    server.url,
    '--json',
  ]);
  expect(json.code).toBe(1);
  expect(JSON.parse(json.stdout)).toMatchObject({
    ok: false,
    event: { type: 'payment.voided' },
    deliveries: [
      {
        endpointId: endpoint.id,
        statusCode: 400,
        check: 'signature',
        responseBody: expect.stringContaining('"check":"signature"'),
      },
    ],
  });
});

it('trigger without --to succeeds with the endpoint secret and keeps a given event id', async () => {
  const secret = generateSecret();
  const url = await receiver(secret);
  sandbox.control.webhooks.add({ url, secret });
  const result = await cli([
    'webhooks',
    'trigger',
    'payment.voided',
    '--id',
    'evt_CLIGIVEN0123456789abcdefgh',
    '--sandbox',
    server.url,
  ]);
  expect(result.code).toBe(0);
  expect(result.stdout).toContain('payment.voided evt_CLIGIVEN0123456789abcdefgh');
  expect(result.stdout).toContain('204');
  expect(result.stdout).toContain('response body: (empty)');
  expect(
    sandbox.control.deliveries.list({ eventId: 'evt_CLIGIVEN0123456789abcdefgh' }),
  ).toMatchObject([{ status: 'succeeded' }]);
});

it('trigger without --to and without an endpoint exits 3 and creates no event', async () => {
  const result = await cli(['webhooks', 'trigger', 'payment.voided', '--sandbox', server.url]);
  expect(result.code).toBe(3);
  expect(result.stderr).toContain('no endpoint for payment.voided');
  expect(sandbox.control.events.list('payment.voided')).toEqual([]);
});

it('replay prints the response body and the failed check of the new attempt', async () => {
  const url = await receiver(generateSecret());
  sandbox.control.webhooks.add({ url });
  const { deliveries } = sandbox.control.events.trigger({ type: 'payment.voided', data: {} });
  await sandbox.control.deliveries.settle();
  const result = await cli(['webhooks', 'replay', deliveries[0]!.id, '--sandbox', server.url]);
  expect(result.code).toBe(1);
  expect(result.stdout).toContain(`${deliveries[0]!.id} payment.voided`);
  expect(result.stdout).toContain('400');
  expect(result.stdout).toContain('failed check: signature');
  expect(result.stdout).toContain('"check":"signature"');
  const json = await cli([
    'webhooks',
    'replay',
    deliveries[0]!.id,
    '--sandbox',
    server.url,
    '--json',
  ]);
  expect(JSON.parse(json.stdout).deliveries[0].latest).toMatchObject({
    statusCode: 400,
    check: 'signature',
  });
});

it('trigger --to prints the first 2 KB of the body, with control characters shown, not run', async () => {
  const url = await serve((_request, response) => {
    response.writeHead(500, { 'content-type': 'text/plain' });
    response.end(`boom\u001b[31m ${'z'.repeat(3000)}`);
  });
  const env = { PRAKERJA_WEBHOOK_SECRET: generateSecret() };
  const result = await cli(['webhooks', 'trigger', 'payment.voided', '--to', url], env);
  expect(result.code).toBe(1);
  expect(result.stdout).toContain(`→ ${url} 500`);
  expect(result.stdout).toContain('response body: boom\\u001b[31m zzz');
  expect(result.stdout).not.toContain('\u001b');
  expect(result.stdout).toContain('… (first 2 KB)');
  expect(result.stdout).not.toContain('z'.repeat(2048));
  expect(result.stdout).not.toContain('failed check');
});

it('trigger --to prints the check a @prakerja-kit/webhooks receiver refused on', async () => {
  const url = await receiver(generateSecret());
  const env = { PRAKERJA_WEBHOOK_SECRET: generateSecret() };
  const result = await cli(['webhooks', 'trigger', 'payment.voided', '--to', url, '--json'], env);
  expect(result.code).toBe(1);
  expect(JSON.parse(result.stdout).deliveries[0]).toMatchObject({
    status: 400,
    check: 'signature',
    responseBody: expect.stringContaining('Webhook verification failed'),
  });
});
