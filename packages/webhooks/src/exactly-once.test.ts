import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { slowHandlerRunsOnce, storeHiccupRunsOnce } from '../test/exactly-once.js';
import { SECRET } from '../test/fixtures.js';
import { createTestDelivery } from './create-test-delivery.js';
import { createTestEvent } from './create-test-event.js';
import { createWebhookReceiver, DEFAULT_COMPLETE_ATTEMPTS } from './create-webhook-receiver.js';
import { createMemoryStore } from './stores/create-memory-store.js';
import type { IdempotencyStore } from './stores/idempotency-store.js';
import { runStoreConformance, storeConformanceCases } from './testing.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const quiet = () => ({ warn: vi.fn(), error: vi.fn() });

runStoreConformance('memory', () => createMemoryStore(), { describe, it });

describe('exactly once with the memory store', () => {
  it('keeps a handler slower than its lease to one run while duplicates arrive', async () => {
    const store = createMemoryStore();
    await slowHandlerRunsOnce(() => store);
  });

  it('runs once when the store fails between the handler and complete', async () => {
    const store = createMemoryStore();
    await storeHiccupRunsOnce(() => store);
  });
});

/** A memory store whose methods can be overridden per test. */
function storeWith(overrides: Partial<IdempotencyStore>): IdempotencyStore {
  return { ...createMemoryStore(), ...overrides };
}

const event = createTestEvent('payment.authorized');
const { body, headers } = await createTestDelivery({ event, secret: SECRET });
const payload = { payload: body, headers };

// The heartbeat is a `setInterval`, the handlers below wait on `setTimeout`: fake timers make
// every count exact instead of a range that depends on how busy the machine is.
describe('the heartbeat of a lease held by the receiver', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('extends the lease every heartbeatMs while the handler runs, with the token', async () => {
    const store = createMemoryStore();
    const extend = vi.spyOn(store, 'extend');
    const receiver = createWebhookReceiver({
      secret: SECRET,
      store,
      leaseMs: 300,
      heartbeatMs: 50,
    }).on('payment.authorized', () => sleep(280));
    const received = receiver.receive(payload);
    await vi.advanceTimersByTimeAsync(280);
    await received;
    // At 50, 100, 150, 200 and 250 ms of a 280 ms handler.
    expect(extend).toHaveBeenCalledTimes(5);
    expect(extend).toHaveBeenCalledWith(event.id, expect.stringMatching(/^lease:/), 300);
    await vi.advanceTimersByTimeAsync(500);
    expect(extend).toHaveBeenCalledTimes(5);
  });

  it('logs a lease lost to another delivery once, and one whose extend failed', async () => {
    const logger = quiet();
    let failed = false;
    const store = storeWith({
      extend: async () => {
        if (failed) return false;
        failed = true;
        throw new Error('timeout');
      },
    });
    const receiver = createWebhookReceiver({
      secret: SECRET,
      store,
      logger,
      leaseMs: 300,
      heartbeatMs: 30,
    }).on('payment.authorized', () => sleep(200));
    const received = receiver.receive(payload);
    await vi.advanceTimersByTimeAsync(200);
    await expect(received).resolves.toMatchObject({ outcome: 'processed' });
    expect(logger.warn.mock.calls).toEqual([
      [
        'could not extend the webhook lease; will try again',
        { eventId: event.id, error: 'timeout' },
      ],
      ['webhook lease lost while the handler ran', { eventId: event.id }],
    ]);
  });

  it('skips a heartbeat while the previous extend is still pending', async () => {
    const extend = vi.fn(() => sleep(120).then(() => true));
    const store = storeWith({ extend });
    const receiver = createWebhookReceiver({
      secret: SECRET,
      store,
      leaseMs: 300,
      heartbeatMs: 20,
    }).on('payment.authorized', () => sleep(150));
    const received = receiver.receive(payload);
    await vi.advanceTimersByTimeAsync(150);
    await received;
    // The beat at 20 ms extends (pending until 140 ms); the beats at 40…140 ms find it pending
    // and skip; the handler ends at 150 ms, before the next beat. One per 20 ms would be seven.
    expect(extend).toHaveBeenCalledTimes(1);
  });
});

describe('leases held by the receiver', () => {
  it('answers processed but warns when another delivery took the lease before complete', async () => {
    const logger = quiet();
    const receiver = createWebhookReceiver({
      secret: SECRET,
      logger,
      store: storeWith({ complete: async () => false }),
    }).on('payment.authorized', vi.fn());
    await expect(receiver.receive(payload)).resolves.toMatchObject({ outcome: 'processed' });
    expect(logger.warn).toHaveBeenCalledExactlyOnceWith(
      'webhook lease was taken by another delivery before the handler finished',
      { eventId: event.id },
    );
  });

  it('gives up recording after completeRetry.attempts, keeps the lease and never reruns', async () => {
    const logger = quiet();
    const memory = createMemoryStore();
    const complete = vi.fn(async () => {
      throw new Error('store down');
    });
    const handler = vi.fn();
    const receiver = createWebhookReceiver({
      secret: SECRET,
      logger,
      store: { ...memory, complete },
      completeRetry: { attempts: 3, delayMs: 5 },
    }).on('payment.authorized', handler);
    await expect(receiver.receive(payload)).resolves.toMatchObject({ outcome: 'processed' });
    expect(complete).toHaveBeenCalledTimes(3);
    expect(logger.error).toHaveBeenCalledExactlyOnceWith(
      'the handler succeeded but the store could not record it; a delivery after the lease expires would run it again',
      { eventId: event.id, attempts: 3, error: 'store down' },
    );
    // The lease was not released: a duplicate is told to retry later, not run.
    await expect(receiver.receive(payload)).resolves.toMatchObject({ outcome: 'in_progress' });
    expect(handler).toHaveBeenCalledTimes(1);
    expect(DEFAULT_COMPLETE_ATTEMPTS).toBe(5);
  });

  it("rethrows a failed handler's error even when release fails, and warns", async () => {
    const logger = quiet();
    const receiver = createWebhookReceiver({
      secret: SECRET,
      logger,
      store: storeWith({ release: () => Promise.reject('store down') }),
    }).on('payment.authorized', () => {
      throw new Error('ledger down');
    });
    await expect(receiver.receive(payload)).rejects.toThrow('ledger down');
    expect(logger.warn).toHaveBeenCalledExactlyOnceWith(
      'could not release the webhook lease; it expires by itself',
      { eventId: event.id, error: 'store down' },
    );
  });
});

describe('settings refused at creation', () => {
  const hint =
    ": set PRAKERJA_WEBHOOK_SECRET to your endpoint's secret (generateSecret() makes one)";
  const expected = 'a "whsec_<base64>" secret (or a non-empty array of them)';
  it.each([
    [undefined, 'undefined (missing)'],
    [null, 'null (missing)'],
    ['', 'an empty string'],
    ['   ', 'an empty string'],
    [[], 'an empty array'],
    [42, 'a number'],
    ['sk_live_abcdef', 'a string of 14 characters not starting with "whsec_"'],
    ['whsec_not base64!', '"whsec_" followed by 11 characters that are not base64'],
  ])('refuses the secret %j', (secret, received) => {
    const create = () => createWebhookReceiver({ secret: secret as string });
    expect(create).toThrow(
      expect.objectContaining({
        name: 'WebhookConfigurationError',
        field: 'secret',
        expected,
        received,
        message: `secret must be ${expected}, received ${received}${hint}`,
      }),
    );
  });

  it('never echoes a malformed secret', () => {
    const secret = 'whsec_sup3r-s3cret!';
    expect(() => createWebhookReceiver({ secret })).toThrow(/^(?!.*sup3r)/s);
    expect(() => createWebhookReceiver({ secret: [SECRET, secret] })).toThrow(
      /"whsec_" followed by 13 characters/,
    );
  });

  it.each([
    ['leaseMs', 0, '0'],
    ['leaseMs', -1, '-1'],
    ['leaseMs', Number.NaN, 'NaN'],
    ['leaseMs', 0.5, '0.5'],
    ['leaseMs', '60000', 'the string "60000"'],
    ['retainMs', 0, '0'],
    ['retainMs', -1, '-1'],
    ['retainMs', Number.NaN, 'NaN'],
    ['retainMs', 0.5, '0.5'],
    ['retainMs', Number.POSITIVE_INFINITY, 'Infinity'],
    ['heartbeatMs', 0, '0'],
    ['maxBodyBytes', 1.5, '1.5'],
  ])('refuses %s = %j', (field, value, received) => {
    const expected =
      field === 'maxBodyBytes'
        ? 'a positive integer of bytes'
        : field === 'heartbeatMs'
          ? 'a positive integer of milliseconds below leaseMs (60000)'
          : 'a positive integer of milliseconds';
    expect(() => createWebhookReceiver({ secret: SECRET, [field]: value })).toThrow(
      expect.objectContaining({
        name: 'WebhookConfigurationError',
        field,
        expected,
        received,
        message: `${field} must be ${expected}, received ${received}`,
      }),
    );
  });

  it('names the type of a value that is not a number', () => {
    expect(() =>
      createWebhookReceiver({ secret: SECRET, completeRetry: { attempts: true as never } }),
    ).toThrow('completeRetry.attempts must be a positive integer, received boolean');
  });

  it('refuses a heartbeat not below the lease, and bad retry settings', () => {
    expect(() => createWebhookReceiver({ secret: SECRET, leaseMs: 100, heartbeatMs: 100 })).toThrow(
      'heartbeatMs must be a positive integer of milliseconds below leaseMs (100), received 100',
    );
    expect(() => createWebhookReceiver({ secret: SECRET, completeRetry: { attempts: 0 } })).toThrow(
      'completeRetry.attempts must be a positive integer, received 0',
    );
    expect(() => createWebhookReceiver({ secret: SECRET, completeRetry: { delayMs: -5 } })).toThrow(
      'completeRetry.delayMs must be a positive integer of milliseconds, received -5',
    );
  });

  it('accepts a 1 ms lease (heartbeat then every 1 ms is refused: it must be below)', () => {
    expect(() => createWebhookReceiver({ secret: SECRET, leaseMs: 1 })).toThrow(
      'heartbeatMs must be a positive integer of milliseconds below leaseMs (1), received 1',
    );
    expect(createWebhookReceiver({ secret: SECRET, leaseMs: 3 }).leaseMs).toBe(3);
  });
});

describe('bounded input on receiveRequest', () => {
  const request = (init: RequestInit & { duplex?: 'half' }) =>
    new Request('http://localhost/webhooks', { method: 'POST', headers, ...init });

  it('answers 413 on content-length before reading, and reports it', async () => {
    const onRejected = vi.fn();
    const logger = quiet();
    const receiver = createWebhookReceiver({
      secret: SECRET,
      onRejected,
      logger,
      maxBodyBytes: 100,
    });
    const pulled = vi.fn();
    const stream = new ReadableStream({ pull: pulled });
    const response = await receiver.receiveRequest(
      request({
        headers: { ...headers, 'content-length': '300000000' },
        body: stream,
        duplex: 'half',
      }),
    );
    expect(response.status).toBe(413);
    expect(response.headers.get('connection')).toBe('close');
    expect(await response.json()).toEqual({
      check: 'payload',
      error:
        'Webhook verification failed (payload): the body is larger than the limit of 100 bytes',
    });
    expect(onRejected).toHaveBeenCalledExactlyOnceWith(
      expect.objectContaining({ check: 'payload', status: 413, webhookId: event.id }),
    );
    expect(logger.warn).toHaveBeenCalledWith('webhook delivery refused', {
      check: 'payload',
      status: 413,
      webhookId: event.id,
      reason:
        'Webhook verification failed (payload): the body is larger than the limit of 100 bytes',
    });
  });

  it('cancels a stream that goes past the limit without a content-length', async () => {
    const cancel = vi.fn();
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1;
        controller.enqueue(new Uint8Array(64 * 1024));
      },
      cancel,
    });
    const receiver = createWebhookReceiver({ secret: SECRET, logger: quiet() });
    const response = await receiver.receiveRequest(request({ body: stream, duplex: 'half' }));
    expect(response.status).toBe(413);
    expect(cancel).toHaveBeenCalledTimes(1);
    expect(sent).toBeLessThanOrEqual(18);
  });

  it('reads a body split over several chunks, and an empty one', async () => {
    const receiver = createWebhookReceiver({ secret: SECRET, logger: quiet() }).on(
      'payment.authorized',
      vi.fn(),
    );
    const bytes = new TextEncoder().encode(body);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 10));
        controller.enqueue(bytes.slice(10));
        controller.close();
      },
    });
    expect((await receiver.receiveRequest(request({ body: stream, duplex: 'half' }))).status).toBe(
      204,
    );
    const empty = await receiver.receiveRequest(request({}));
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { check: string }).check).toBe('signature');
  });

  it('answers 400 for a body already read', async () => {
    const receiver = createWebhookReceiver({ secret: SECRET, logger: quiet() });
    const used = request({ body });
    await used.text();
    expect((await receiver.receiveRequest(used)).status).toBe(400);
  });

  it('rethrows a body stream error (the framework answers 500)', async () => {
    const receiver = createWebhookReceiver({ secret: SECRET, logger: quiet() });
    const stream = new ReadableStream({
      pull(controller) {
        controller.error(new Error('client went away'));
      },
    });
    await expect(
      receiver.receiveRequest(request({ body: stream, duplex: 'half' })),
    ).rejects.toThrow('client went away');
  });

  it('logs refused deliveries to the console by default, at warn', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const receiver = createWebhookReceiver({ secret: SECRET });
    await receiver.receiveRequest(request({ body: `${body} ` }));
    expect(warn).toHaveBeenCalledExactlyOnceWith('[prakerja-kit] webhook delivery refused', {
      check: 'signature',
      status: 400,
      webhookId: event.id,
      reason: expect.stringContaining('(signature)'),
    });
  });

  it('logs store failures to console.error by default', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const receiver = createWebhookReceiver({
      secret: SECRET,
      store: storeWith({ complete: () => Promise.reject(new Error('down')) }),
      completeRetry: { attempts: 1 },
    }).on('payment.authorized', vi.fn());
    await receiver.receive(payload);
    expect(error).toHaveBeenCalledTimes(1);
  });
});

it('rethrows an error of verify that is not a verification failure, unreported', async () => {
  const onRejected = vi.fn();
  const receiver = createWebhookReceiver({ secret: SECRET, onRejected });
  await expect(receiver.verify({ payload: body, headers: null as never })).rejects.toThrow(
    TypeError,
  );
  expect(onRejected).not.toHaveBeenCalled();
});

describe('storeConformanceCases', () => {
  it('fails a store that breaks the contract, saying what it got', async () => {
    const broken: IdempotencyStore = {
      acquire: async () => ({ status: 'acquired', token: 'same' }),
      extend: async () => true,
      complete: async () => true,
      release: async () => true,
    };
    const cases = storeConformanceCases(() => broken);
    await expect(cases[0]!.run()).rejects.toThrow(
      'second acquire: expected {"status":"processing"}, got {"status":"acquired","token":"same"}',
    );
    const refusing: IdempotencyStore = {
      ...broken,
      acquire: async () => ({ status: 'processed' }),
    };
    await expect(storeConformanceCases(() => refusing)[0]!.run()).rejects.toThrow(
      /^acquire\(conformance:.*:0\) of a free key: expected a lease, got \{"status":"processed"\}$/,
    );
    const held = new Set<string>();
    const sameToken: IdempotencyStore = {
      ...broken,
      acquire: async (key) => {
        if (held.has(key)) return { status: 'processing' };
        held.add(key);
        return { status: 'acquired', token: 'lease:fixed' };
      },
      release: async (key) => held.delete(key),
    };
    await expect(storeConformanceCases(() => sameToken)[3]!.run()).rejects.toThrow(
      'a new lease reused the released token',
    );
  });
});
