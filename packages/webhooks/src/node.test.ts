import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NOW_SECONDS, now, SECRET } from '../test/fixtures.js';
import { createTestDelivery } from './create-test-delivery.js';
import { createTestEvent } from './create-test-event.js';
import { createWebhookReceiver } from './create-webhook-receiver.js';
import { WebhookVerificationError } from './errors/webhook-verification-error.js';
import { createNodeHandler, DEFAULT_MAX_BODY_BYTES, verifyNodeRequest } from './node.js';

const event = createTestEvent('incentive.disbursement_cancelled');
const { body, headers } = createTestDelivery({ event, secret: SECRET, timestamp: NOW_SECONDS });

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
      "Express: express.raw({ type: 'application/json' })",
    );
  });

  it('refuses a stream that was already read', async () => {
    const consumed = await drained();
    await expect(verifyNodeRequest(consumed, { secret: SECRET, now })).rejects.toThrow(
      /already parsed or read/,
    );
  });

  it('stops reading and refuses a body larger than the limit', async () => {
    const request = incoming([body, body, body]);
    await expect(
      verifyNodeRequest(request, { secret: SECRET, now, maxBodyBytes: body.length + 1 }),
    ).rejects.toThrow(`the body is larger than ${body.length + 1} bytes`);
    await vi.waitFor(() => expect(request.readableEnded).toBe(true));
    expect(DEFAULT_MAX_BODY_BYTES).toBe(1_048_576);
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

  it('answers 400 with the failed check as JSON', async () => {
    const url = await serve(
      createNodeHandler(createWebhookReceiver({ secret: SECRET, now }), { maxBodyBytes: 10 }),
    );
    const response = await fetch(url, { method: 'POST', headers, body });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toMatchObject({ check: 'payload' });
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

  it('answers 500 and reports a misconfigured secret instead of blaming the sender', async () => {
    const onError = vi.fn();
    const receiver = createWebhookReceiver({ secret: 'not-a-whsec-secret', now });
    const url = await serve(createNodeHandler(receiver, { onError }));
    expect((await fetch(url, { method: 'POST', headers, body })).status).toBe(500);
    expect(onError).toHaveBeenCalledWith(expect.any(TypeError));
  });
});
