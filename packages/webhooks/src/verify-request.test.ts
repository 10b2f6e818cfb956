import { describe, expect, it } from 'vitest';
import { NOW_SECONDS, now, SECRET } from '../test/fixtures.js';
import { createTestDelivery } from './create-test-delivery.js';
import { createTestEvent } from './create-test-event.js';
import { WebhookBodyError } from './errors/webhook-body-error.js';
import { verifyRequest } from './verify-request.js';

const event = createTestEvent('assignment.submitted');

describe('verifyRequest', () => {
  it('verifies a fetch Request from its raw bytes and returns the typed event', async () => {
    const { request } = await createTestDelivery({ event, secret: SECRET, timestamp: NOW_SECONDS });
    await expect(verifyRequest(request, { secret: SECRET, now })).resolves.toEqual(event);
  });

  it('verifies a body with multi-byte characters exactly as sent', async () => {
    const accented = createTestEvent('incentive.disbursement_cancelled', {
      data: { reason: 'peserta mengundurkan diri — é' },
    });
    const { request } = await createTestDelivery({
      event: accented,
      secret: SECRET,
      timestamp: NOW_SECONDS,
    });
    await expect(verifyRequest(request, { secret: SECRET, now })).resolves.toEqual(accented);
  });

  it('refuses a request whose body was already read, with the fix', async () => {
    const { request } = await createTestDelivery({ event, secret: SECRET, timestamp: NOW_SECONDS });
    await request.json();
    await expect(verifyRequest(request, { secret: SECRET, now })).rejects.toThrow(
      /\(payload\): the request body was already read.*request\.clone\(\)/,
    );
  });

  it('rejects a request signed for another time', async () => {
    const { request } = await createTestDelivery({
      event,
      secret: SECRET,
      timestamp: NOW_SECONDS - 3_600,
    });
    await expect(verifyRequest(request, { secret: SECRET, now })).rejects.toThrow(
      /\(timestamp\): too old/,
    );
  });

  it('refuses a body over maxBodyBytes on content-length, before reading it', async () => {
    const { body, headers } = await createTestDelivery({
      event,
      secret: SECRET,
      timestamp: NOW_SECONDS,
    });
    const request = new Request('http://localhost/webhooks', {
      method: 'POST',
      headers: { ...headers, 'content-length': String(body.length) },
      body,
    });
    const error = await verifyRequest(request, {
      secret: SECRET,
      now,
      maxBodyBytes: body.length - 1,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WebhookBodyError);
    expect(error).toMatchObject({
      status: 413,
      check: 'payload',
      message: `Webhook verification failed (payload): the body is larger than the limit of ${body.length - 1} bytes`,
    });
  });

  it('refuses a streamed body once it passes the default 1 MiB', async () => {
    let pulls = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls += 1;
        controller.enqueue(new Uint8Array(256 * 1024));
      },
    });
    const request = new Request('http://localhost/webhooks', {
      method: 'POST',
      body: stream,
      duplex: 'half',
    } as RequestInit);
    await expect(verifyRequest(request, { secret: SECRET, now })).rejects.toMatchObject({
      status: 413,
      message:
        'Webhook verification failed (payload): the body is larger than the limit of 1048576 bytes',
    });
    expect(pulls).toBeLessThanOrEqual(7);
  });

  it('refuses a maxBodyBytes that cannot work', async () => {
    const { request } = await createTestDelivery({ event, secret: SECRET, timestamp: NOW_SECONDS });
    await expect(
      verifyRequest(request, { secret: SECRET, maxBodyBytes: Number.NaN }),
    ).rejects.toMatchObject({
      name: 'WebhookConfigurationError',
      field: 'maxBodyBytes',
      message: 'maxBodyBytes must be a positive integer of bytes, received NaN',
    });
  });
});
