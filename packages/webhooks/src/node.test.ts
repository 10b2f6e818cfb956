import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import { connect } from 'node:net';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NOW_SECONDS, now, SECRET } from '../test/fixtures.js';
import { createTestDelivery } from './create-test-delivery.js';
import { createTestEvent } from './create-test-event.js';
import { createWebhookReceiver } from './create-webhook-receiver.js';
import { WebhookBodyError } from './errors/webhook-body-error.js';
import { WebhookVerificationError } from './errors/webhook-verification-error.js';
import {
  createNodeHandler,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_READ_TIMEOUT_MS,
  verifyNodeRequest,
} from './node.js';

const event = createTestEvent('incentive.disbursement_cancelled');
const { body, headers } = await createTestDelivery({
  event,
  secret: SECRET,
  timestamp: NOW_SECONDS,
});

/** A readable IncomingMessage look-alike carrying `chunks` and optionally a framework `body`. */
function incoming(chunks: string[], extra: Record<string, unknown> = {}): IncomingMessage {
  return Object.assign(Readable.from(chunks.map((chunk) => Buffer.from(chunk))), {
    headers,
    ...extra,
  }) as unknown as IncomingMessage;
}

/** A request whose stream a body parser already read to the end. */
async function drained(extra: Record<string, unknown> = {}): Promise<IncomingMessage> {
  const request = incoming([body], extra);
  for await (const _chunk of request as AsyncIterable<Buffer>) {
    // Reading is the point: this is what a body parser does.
  }
  return request;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))),
  );
});

async function serve(listener: RequestListener): Promise<string> {
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  return `http://127.0.0.1:${address.port}/webhooks`;
}

describe('verifyNodeRequest', () => {
  it('reads the raw body of a node:http request itself and returns the typed event', async () => {
    let verified: unknown;
    const url = await serve(async (request, response) => {
      verified = await verifyNodeRequest(request, { secret: SECRET, now });
      response.end();
    });
    await fetch(url, { method: 'POST', headers, body });
    expect(verified).toEqual(event);
  });

  it('verifies a body split over several chunks', async () => {
    const middle = Math.floor(body.length / 2);
    await expect(
      verifyNodeRequest(incoming([body.slice(0, middle), body.slice(middle)]), {
        secret: SECRET,
        now,
      }),
    ).resolves.toEqual(event);
  });

  it('uses a body that express.raw() or express.text() already buffered', async () => {
    const raw = await drained({ body: Buffer.from(body) });
    await expect(verifyNodeRequest(raw, { secret: SECRET, now })).resolves.toEqual(event);
    const text = await drained({ body });
    await expect(verifyNodeRequest(text, { secret: SECRET, now })).resolves.toEqual(event);
  });

  it('refuses a body that express.json() parsed, explaining how to keep it raw', async () => {
    const parsed = await drained({ body: JSON.parse(body) });
    const error = await verifyNodeRequest(parsed, { secret: SECRET, now }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(WebhookVerificationError);
    expect((error as WebhookVerificationError).check).toBe('payload');
    expect((error as WebhookVerificationError).message).toContain(
      "Express: mount express.raw({ type: 'application/json' }) on the webhook route only",
    );
  });

  it('refuses a stream that was already read', async () => {
    const consumed = await drained();
    await expect(verifyNodeRequest(consumed, { secret: SECRET, now })).rejects.toThrow(
      /already parsed or read/,
    );
  });

  it('stops reading, without draining, a body that streams past the limit: 413', async () => {
    const request = incoming([body, body, body]);
    const error = await verifyNodeRequest(request, {
      secret: SECRET,
      now,
      maxBodyBytes: body.length + 1,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WebhookBodyError);
    expect(error).toMatchObject({
      status: 413,
      check: 'payload',
      message: `Webhook verification failed (payload): the body is larger than the limit of ${body.length + 1} bytes`,
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(request.readableEnded).toBe(false);
    expect(request.isPaused()).toBe(true);
    expect(DEFAULT_MAX_BODY_BYTES).toBe(1_048_576);
  });

  it('refuses on content-length before reading a byte', async () => {
    const request = incoming([body], {
      headers: { ...headers, 'content-length': String(DEFAULT_MAX_BODY_BYTES + 1) },
    });
    await expect(verifyNodeRequest(request, { secret: SECRET, now })).rejects.toMatchObject({
      status: 413,
      message: `Webhook verification failed (payload): the body is larger than the limit of ${DEFAULT_MAX_BODY_BYTES} bytes`,
    });
    expect(request.readableEnded).toBe(false);
  });

  it('refuses a buffered body over the limit', async () => {
    const request = incoming([], { body: Buffer.from(body) });
    await expect(
      verifyNodeRequest(request, { secret: SECRET, now, maxBodyBytes: 10 }),
    ).rejects.toMatchObject({ status: 413 });
  });

  it('gives up on a body not received within readTimeoutMs: 408', async () => {
    const request = Object.assign(new Readable({ read() {} }), { headers });
    request.push(body.slice(0, 10));
    await expect(
      verifyNodeRequest(request as unknown as IncomingMessage, {
        secret: SECRET,
        now,
        readTimeoutMs: 50,
      }),
    ).rejects.toMatchObject({
      status: 408,
      message: 'Webhook verification failed (payload): the body was not received within 50 ms',
    });
    expect(DEFAULT_READ_TIMEOUT_MS).toBe(10_000);
  });

  it('passes a stream error through', async () => {
    const request = Object.assign(new Readable({ read() {} }), { headers });
    const pending = verifyNodeRequest(request as unknown as IncomingMessage, { secret: SECRET });
    request.destroy(new Error('socket hang up'));
    await expect(pending).rejects.toThrow('socket hang up');
  });

  it('refuses limits that cannot work', async () => {
    const request = incoming([body]);
    await expect(
      verifyNodeRequest(request, { secret: SECRET, maxBodyBytes: 0 }),
    ).rejects.toMatchObject({
      name: 'WebhookConfigurationError',
      field: 'maxBodyBytes',
      expected: 'a positive integer of bytes',
      received: '0',
    });
    expect(() =>
      createNodeHandler(createWebhookReceiver({ secret: SECRET }), { readTimeoutMs: 1.5 }),
    ).toThrow('readTimeoutMs must be a positive integer of milliseconds, received 1.5');
  });
});

describe('createNodeHandler', () => {
  it('serves a receiver over node:http: 204 once processed, 204 for the duplicate', async () => {
    const handler = vi.fn();
    const receiver = createWebhookReceiver({ secret: SECRET, now }).on(
      'incentive.disbursement_cancelled',
      handler,
    );
    const url = await serve(createNodeHandler(receiver));
    expect((await fetch(url, { method: 'POST', headers, body })).status).toBe(204);
    expect((await fetch(url, { method: 'POST', headers, body })).status).toBe(204);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('answers 400 with the failed check as JSON, reported to onRejected and the logger', async () => {
    const onRejected = vi.fn();
    const logger = { warn: vi.fn(), error: vi.fn() };
    const receiver = createWebhookReceiver({ secret: SECRET, now, onRejected, logger });
    const url = await serve(createNodeHandler(receiver));
    const response = await fetch(url, { method: 'POST', headers, body: `${body} ` });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toMatchObject({ check: 'signature' });
    expect(onRejected).toHaveBeenCalledExactlyOnceWith(
      expect.objectContaining({ check: 'signature', status: 400, webhookId: event.id }),
    );
    expect(logger.warn).toHaveBeenCalledExactlyOnceWith('webhook delivery refused', {
      check: 'signature',
      status: 400,
      webhookId: event.id,
      reason: expect.stringContaining('(signature)'),
    });
  });

  it('answers 413 and closes the socket without reading the rest of an over-limit body', async () => {
    const onRejected = vi.fn();
    const logger = { warn: vi.fn(), error: vi.fn() };
    const receiver = createWebhookReceiver({ secret: SECRET, now, onRejected, logger });
    const url = new URL(await serve(createNodeHandler(receiver, { maxBodyBytes: 1_000 })));
    for (const declared of [2_000, undefined]) {
      const socket = connect(Number(url.port), '127.0.0.1');
      let answer = '';
      socket.on('data', (chunk) => {
        answer += chunk.toString();
      });
      const closed = new Promise((resolve) => socket.once('close', resolve));
      const length =
        declared === undefined ? 'transfer-encoding: chunked' : `content-length: ${declared}`;
      socket.write(`POST /webhooks HTTP/1.1\r\nhost: x\r\n${length}\r\n\r\n`);
      // Streamed past the limit (chunked), or only announced (content-length): never sent whole.
      if (declared === undefined) socket.write(`5dc\r\n${'x'.repeat(1_500)}\r\n`);
      await closed;
      expect(answer).toMatch(/^HTTP\/1\.1 413 /);
      expect(answer.toLowerCase()).toContain('connection: close');
      expect(answer).toContain('the body is larger than the limit of 1000 bytes');
    }
    expect(onRejected).toHaveBeenCalledTimes(2);
    expect(onRejected).toHaveBeenLastCalledWith(
      expect.objectContaining({ status: 413, check: 'payload' }),
    );
    expect(logger.warn).toHaveBeenCalledTimes(2);
  });

  it('answers 408 and closes the socket when the body is too slow', async () => {
    const logger = { warn: vi.fn(), error: vi.fn() };
    const receiver = createWebhookReceiver({ secret: SECRET, now, logger });
    const url = new URL(await serve(createNodeHandler(receiver, { readTimeoutMs: 100 })));
    const socket = connect(Number(url.port), '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString();
    });
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.write('POST /webhooks HTTP/1.1\r\nhost: x\r\ncontent-length: 100\r\n\r\n{"id"');
    await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(logger.warn).toHaveBeenCalledWith(
      'webhook delivery refused',
      expect.objectContaining({ status: 408 }),
    );
  });

  it('answers 409 with Retry-After from the lease while the event is being processed', async () => {
    let finish: () => void = () => {};
    const handler = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const receiver = createWebhookReceiver({ secret: SECRET, now, leaseMs: 90_000 }).on(
      'incentive.disbursement_cancelled',
      handler,
    );
    const url = await serve(createNodeHandler(receiver));
    const first = fetch(url, { method: 'POST', headers, body });
    await vi.waitFor(() => expect(handler).toHaveBeenCalled());
    const second = await fetch(url, { method: 'POST', headers, body });
    expect(second.status).toBe(409);
    expect(second.headers.get('retry-after')).toBe('90');
    finish();
    expect((await first).status).toBe(204);
  });

  it("answers 500 and reports a handler's error to onError", async () => {
    const failure = new Error('handler failed');
    const receiver = createWebhookReceiver({ secret: SECRET, now }).on(
      'incentive.disbursement_cancelled',
      () => {
        throw failure;
      },
    );
    const onError = vi.fn();
    const url = await serve(createNodeHandler(receiver, { onError }));
    expect((await fetch(url, { method: 'POST', headers, body })).status).toBe(500);
    expect(onError).toHaveBeenCalledWith(failure);
  });

  it("reports a handler's error to console.error by default", async () => {
    const receiver = createWebhookReceiver({ secret: SECRET, now }).on(
      'incentive.disbursement_cancelled',
      () => {
        throw new Error('handler failed');
      },
    );
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    const url = await serve(createNodeHandler(receiver));
    expect((await fetch(url, { method: 'POST', headers, body })).status).toBe(500);
    expect(consoleError).toHaveBeenCalledWith(
      expect.objectContaining({ message: 'handler failed' }),
    );
  });

  it("passes a handler's error to Express's next", async () => {
    const failure = new Error('handler failed');
    const receiver = createWebhookReceiver({ secret: SECRET, now }).on(
      'incentive.disbursement_cancelled',
      () => {
        throw failure;
      },
    );
    const next = vi.fn();
    const url = await serve((request, response) => {
      void createNodeHandler(receiver)(request, response, (error) => {
        next(error);
        response.statusCode = 503;
        response.end();
      });
    });
    expect((await fetch(url, { method: 'POST', headers, body })).status).toBe(503);
    expect(next).toHaveBeenCalledWith(failure);
  });

  it('passes a request stream error to onError as a 500', async () => {
    const onError = vi.fn();
    const handle = createNodeHandler(createWebhookReceiver({ secret: SECRET }), { onError });
    const request = Object.assign(new Readable({ read() {} }), { headers });
    const response = {
      statusCode: 0,
      writeHead(status: number) {
        this.statusCode = status;
      },
      end: vi.fn(),
    };
    const done = handle(request as unknown as IncomingMessage, response as never);
    request.destroy(new Error('aborted'));
    await done;
    expect(response.statusCode).toBe(500);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'aborted' }));
  });
});
