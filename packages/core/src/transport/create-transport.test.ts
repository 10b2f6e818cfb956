import { createHmac } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { ProgramPath } from '../constants.js';
import {
  ConnectionError,
  ProgramApiError,
  ProgramRequestError,
  RedirectError,
  RequestAbortedError,
  TimeoutError,
} from '../errors/request-errors.js';
import { ResponseValidationError } from '../errors/validation-errors.js';
import * as z from '../schema/index.js';
import { looseAmountSchema, looseInvoiceCodeSchema, toAmount } from '../schemas/loose.js';
import { createTransport, type TransportOptions } from './create-transport.js';

const CLIENT_CODE = 'dp-test-fake';
const SIGN_KEY = 'sk_test_fake_0123456789';

interface Seen {
  url: string;
  method: string;
  headers: Headers;
  body: string;
}

type Reply = Response | (() => Response | Promise<Response>) | Error;

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** A fetch that records requests and plays replies in order (the last one repeats). */
function scriptedFetch(...replies: Reply[]) {
  const seen: Seen[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    seen.push({
      url: request.url,
      method: request.method,
      headers: request.headers,
      body: await request.text(),
    });
    const reply = replies[Math.min(seen.length - 1, replies.length - 1)]!;
    if (reply instanceof Error) throw reply;
    return typeof reply === 'function' ? reply() : reply.clone();
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, seen };
}

function socketError(code: string): TypeError {
  const cause = Object.assign(new Error(`socket ${code}`), { code });
  return new TypeError('fetch failed', { cause });
}

function transport(fetch: typeof globalThis.fetch, options: TransportOptions = {}) {
  return createTransport({
    clientCode: CLIENT_CODE,
    signKey: SIGN_KEY,
    baseUrl: 'https://sandbox.test',
    fetch,
    logLevel: 'silent',
    retry: { baseDelayMs: 1, maxDelayMs: 2 },
    env: {},
    ...options,
  });
}

const quota = z.object({ quota: z.number() });
const ok = json({ success: true, message: 'OK', data: { quota: 3 } });

function expectedSignature(seen: Seen, authorization = ''): string {
  const timestamp = seen.headers.get('timestamp');
  const path = new URL(seen.url).pathname;
  return createHmac('sha1', SIGN_KEY)
    .update(`${CLIENT_CODE}${timestamp}${seen.method}${path}${authorization}${seen.body}`)
    .digest('hex');
}

/** A state-changing call (payment/void) through a transport on `fetch`. */
function voidCall(fetch: typeof globalThis.fetch) {
  return transport(fetch).request({
    method: 'POST',
    path: ProgramPath.VOID,
    body: {},
    readOnly: false,
    data: quota,
  });
}

describe('createTransport', () => {
  it('sends the program headers and signs exactly the bytes it sends', async () => {
    const { fetch, seen } = scriptedFetch(ok);
    const response = await transport(fetch).request({
      method: 'POST',
      path: ProgramPath.QUOTA_SCHEDULE,
      body: { course_code: 'C-1', schedule_code: 'S/1&2' },
      readOnly: true,
      data: quota,
    });
    expect(response).toEqual({ data: { quota: 3 }, message: 'OK', status: 200, attempts: 1 });
    const [request] = seen;
    expect(request!.url).toBe(`https://sandbox.test${ProgramPath.QUOTA_SCHEDULE}`);
    expect(request!.body).toBe('{"course_code":"C-1","schedule_code":"S/1&2"}');
    expect(request!.headers.get('content-type')).toBe('application/json');
    expect(request!.headers.get('client_code')).toBe(CLIENT_CODE);
    expect(request!.headers.get('timestamp')).toMatch(/^\d{10}$/);
    expect(request!.headers.get('signature')).toBe(expectedSignature(request!));
  });

  it('re-signs every attempt with a fresh timestamp', async () => {
    let now = 1_700_000_000_000;
    const { fetch, seen } = scriptedFetch(() => {
      now += 5_000;
      return json({ code: 'SBX_GEN50001', message: 'down', success: false }, 503);
    }, ok);
    await transport(fetch, { clock: { now: () => now } }).request({
      method: 'POST',
      path: ProgramPath.QUOTA_SCHEDULE,
      body: { course_code: 'C', schedule_code: 'S' },
      readOnly: true,
      data: quota,
    });
    expect(seen).toHaveLength(2);
    expect(seen[0]!.headers.get('timestamp')).toBe('1700000000');
    expect(seen[1]!.headers.get('timestamp')).toBe('1700000005');
    for (const request of seen) {
      expect(request.headers.get('signature')).toBe(expectedSignature(request));
    }
    expect(seen[0]!.headers.get('signature')).not.toBe(seen[1]!.headers.get('signature'));
  });

  it('retries a read-only call after 5xx and connection errors, then succeeds', async () => {
    const onRetry = vi.fn();
    const { fetch, seen } = scriptedFetch(
      json({ success: false, message: 'bad gateway' }, 502),
      socketError('ECONNRESET'),
      ok,
    );
    const response = await transport(fetch, { hooks: { onRetry } }).request({
      method: 'POST',
      path: ProgramPath.PAYMENT_STATUS,
      body: { invoice_code: 'INV-1' },
      readOnly: true,
      data: quota,
    });
    expect(response.attempts).toBe(3);
    expect(seen).toHaveLength(3);
    expect(onRetry.mock.calls.map(([event]) => event.reason)).toEqual([
      'HTTP 502',
      'connection error ECONNRESET',
    ]);
  });

  it('gives up after maxRetries with the last error', async () => {
    const { fetch, seen } = scriptedFetch(
      json({ code: 'SBX_GEN50001', message: 'x', success: false }, 500),
    );
    const error = await transport(fetch, { maxRetries: 3 })
      .request({
        method: 'POST',
        path: ProgramPath.PAYMENT_STATUS,
        body: {},
        readOnly: true,
        data: quota,
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProgramApiError);
    expect((error as ProgramApiError).attempts).toBe(4);
    expect((error as ProgramApiError).maybeProcessed).toBe(false);
    expect(seen).toHaveLength(4);
  });

  it('honours Retry-After on 429', async () => {
    const onRetry = vi.fn();
    const { fetch } = scriptedFetch(
      json({ code: 'SBX_GEN42901', message: 'slow down', success: false }, 429, {
        'retry-after': '0.05',
      }),
      ok,
    );
    await transport(fetch, { hooks: { onRetry } }).request({
      method: 'POST',
      path: ProgramPath.QUOTA_SCHEDULE,
      body: {},
      readOnly: true,
      data: quota,
    });
    expect(onRetry).toHaveBeenCalledWith(
      expect.objectContaining({ delayMs: 50, reason: 'HTTP 429' }),
    );
  });

  it('fails at once when Retry-After is longer than the cap', async () => {
    const { fetch, seen } = scriptedFetch(
      json({ code: 'SBX_GEN42901', message: 'later', success: false }, 429, {
        'retry-after': '3600',
      }),
    );
    const error = await transport(fetch)
      .request({
        method: 'POST',
        path: ProgramPath.QUOTA_SCHEDULE,
        body: {},
        readOnly: true,
        data: quota,
      })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'ProgramApiError', status: 429, retryAfter: 3600 });
    expect(seen).toHaveLength(1);
  });

  it('re-sends a state-changing call after 408, 429 or a refused connection (never processed)', async () => {
    const { fetch, seen } = scriptedFetch(
      json({ message: 'timeout' }, 408),
      json({ message: 'busy' }, 429),
      socketError('ECONNREFUSED'),
      json({ success: true, message: 'ok', data: { quota: 1 } }),
    );
    const response = await transport(fetch, { maxRetries: 3 }).request({
      method: 'POST',
      path: ProgramPath.AUTHORIZE,
      body: { otp: '123456' },
      readOnly: false,
      data: quota,
    });
    expect(response.attempts).toBe(4);
    expect(seen).toHaveLength(4);
  });

  it.each([
    [
      'a 5xx',
      json({ code: 'SBX_GEN50001', message: 'oops', success: false }, 500),
      ProgramApiError,
    ],
    ['a reset connection', socketError('ECONNRESET'), ConnectionError],
    ['a closed socket', socketError('UND_ERR_SOCKET'), ConnectionError],
  ] as const)(
    'never re-sends a state-changing call after %s and says it may be processed',
    async (_label, reply, errorClass) => {
      const { fetch, seen } = scriptedFetch(reply, ok);
      const error = await transport(fetch)
        .request({
          method: 'POST',
          path: ProgramPath.AUTHORIZE,
          body: { otp: '123456' },
          readOnly: false,
          data: quota,
        })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(errorClass);
      expect(error).toMatchObject({
        maybeProcessed: true,
        attempts: 1,
        endpoint: ProgramPath.AUTHORIZE,
      });
      expect(seen).toHaveLength(1);
    },
  );

  it('times out: retries a read-only call, and reports a state-changing one as maybe processed', async () => {
    const hang = () =>
      new Promise<Response>(() => {
        /* never answers */
      });
    const slow = vi.fn(hang) as unknown as typeof globalThis.fetch;
    const readOnly = await transport(slow, { timeout: 20, maxRetries: 1 })
      .request({
        method: 'POST',
        path: ProgramPath.PAYMENT_STATUS,
        body: {},
        readOnly: true,
        data: quota,
      })
      .catch((caught: unknown) => caught);
    expect(readOnly).toBeInstanceOf(TimeoutError);
    expect(readOnly).toMatchObject({ maybeProcessed: false, attempts: 2 });

    const changing = await transport(slow, { timeout: 20, maxRetries: 3 })
      .request({ method: 'POST', path: ProgramPath.VOID, body: {}, readOnly: false, data: quota })
      .catch((caught: unknown) => caught);
    expect(changing).toBeInstanceOf(TimeoutError);
    expect(changing).toMatchObject({ maybeProcessed: true, attempts: 1 });
    expect((changing as Error).message).toContain('reconcile');
  });

  it('times out even when the fetch rejects at once on the abort, or ignores the signal', async () => {
    let seen: AbortSignal | undefined;
    const rejectsOnAbort = ((_input: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        seen = init?.signal ?? undefined;
        seen?.addEventListener('abort', () => reject(new Error('aborted')));
      })) as typeof globalThis.fetch;
    const ignoresSignal = (() =>
      new Promise<Response>(() => {
        /* never answers, never looks at the signal */
      })) as typeof globalThis.fetch;
    for (const fetch of [rejectsOnAbort, ignoresSignal]) {
      const error = await transport(fetch, { timeout: 20, maxRetries: 0 })
        .request({ method: 'POST', path: ProgramPath.VOID, body: {}, readOnly: false, data: quota })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error).toMatchObject({ maybeProcessed: true, attempts: 1 });
    }
    expect(seen?.aborted).toBe(true);
  });

  it('times out a body that stops arriving, within the same deadline as the headers', async () => {
    const stalled = (() =>
      Promise.resolve(
        new Response(
          new ReadableStream<Uint8Array>({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('{"success":'));
            },
          }),
          { status: 200 },
        ),
      )) as typeof globalThis.fetch;
    const error = await transport(stalled, { timeout: 20, maxRetries: 0 })
      .request({ method: 'POST', path: ProgramPath.VOID, body: {}, readOnly: false, data: quota })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ maybeProcessed: true });
  });

  it('reports a caller abort as RequestAbortedError', async () => {
    const controller = new AbortController();
    const slow = ((input: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        const signal = init?.signal ?? (input as Request).signal;
        signal.addEventListener('abort', () => reject(signal.reason));
        setTimeout(() => controller.abort(), 5);
      })) as typeof globalThis.fetch;
    const error = await transport(slow)
      .request({
        method: 'POST',
        path: ProgramPath.AUTHORIZE,
        body: {},
        readOnly: false,
        data: quota,
        options: { signal: controller.signal },
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RequestAbortedError);
    expect(error).toMatchObject({ maybeProcessed: true });
  });

  it('sends nothing for a signal aborted before the call, and says it was not processed', async () => {
    const controller = new AbortController();
    controller.abort();
    const { fetch, seen } = scriptedFetch(json({ success: true, data: {} }));
    const error = await transport(fetch)
      .request({
        method: 'POST',
        path: ProgramPath.AUTHORIZE,
        body: {},
        readOnly: false,
        data: quota,
        options: { signal: controller.signal },
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RequestAbortedError);
    expect(error).toMatchObject({ maybeProcessed: false, attempts: 1 });
    expect(seen).toHaveLength(0);
  });

  it('reports an abort while waiting to retry as not processed', async () => {
    const controller = new AbortController();
    const { fetch } = scriptedFetch(() => {
      setTimeout(() => controller.abort(), 1);
      return json({ message: 'busy' }, 429, { 'retry-after': '5' });
    });
    const error = await transport(fetch)
      .request({
        method: 'POST',
        path: ProgramPath.AUTHORIZE,
        body: {},
        readOnly: false,
        data: quota,
        options: { signal: controller.signal },
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RequestAbortedError);
    expect(error).toMatchObject({ maybeProcessed: false });
  });

  it('parses the program error envelope and the SSO errorCode form', async () => {
    const { fetch } = scriptedFetch(
      json(
        { code: 'ERRPLT40028', message: 'Transaksi sudah dibatalkan sebelumnya.', success: false },
        400,
      ),
      json({ errorCode: 'ERROAUTH4031', message: 'Unauthorized', success: false }, 400),
    );
    const client = transport(fetch);
    const voided = await client
      .request({ method: 'POST', path: ProgramPath.VOID, body: {}, readOnly: false, data: quota })
      .catch((caught: unknown) => caught);
    expect(voided).toMatchObject({
      name: 'ProgramApiError',
      status: 400,
      code: 'ERRPLT40028',
      programMessage: 'Transaksi sudah dibatalkan sebelumnya.',
      maybeProcessed: false,
    });
    const sso = await client
      .request({
        method: 'POST',
        path: ProgramPath.SSO_TOKEN,
        api: 'sso',
        auth: 'client-id',
        body: { code: 'x' },
        readOnly: false,
        data: quota,
      })
      .catch((caught: unknown) => caught);
    expect(sso).toMatchObject({ code: 'ERROAUTH4031', programMessage: 'Unauthorized' });
  });

  it('treats a 200 with success:false as a program error', async () => {
    const { fetch } = scriptedFetch(
      json({ success: false, code: 'SBX_PLT40016', message: 'tidak ditemukan' }),
    );
    await expect(
      transport(fetch).request({
        method: 'POST',
        path: ProgramPath.PAYMENT_STATUS,
        body: {},
        readOnly: true,
        data: quota,
      }),
    ).rejects.toMatchObject({ name: 'ProgramApiError', status: 200, code: 'SBX_PLT40016' });
  });

  it('raises ResponseValidationError when the program changes shape', async () => {
    const { fetch } = scriptedFetch(
      json({ success: true, message: 'OK', data: { quota: 'many' } }),
      new Response('<html>gateway</html>', {
        status: 200,
        headers: { 'content-type': 'text/html' },
      }),
      json({ hello: 'world' }),
    );
    const client = transport(fetch);
    const call = () =>
      client.request({
        method: 'POST',
        path: ProgramPath.QUOTA_SCHEDULE,
        body: {},
        readOnly: true,
        data: quota,
      });
    const wrongField = await call().catch((caught: unknown) => caught);
    expect(wrongField).toBeInstanceOf(ResponseValidationError);
    expect((wrongField as ResponseValidationError).issues[0]?.path).toEqual(['quota']);
    await expect(call()).rejects.toThrow(/expected a JSON body/);
    await expect(call()).rejects.toThrow(/envelope/);
  });

  it('keeps the HTTP status text when an error body is not JSON', async () => {
    const { fetch } = scriptedFetch(new Response('nope', { status: 404, statusText: 'Not Found' }));
    await expect(voidCall(fetch)).rejects.toMatchObject({
      status: 404,
      code: undefined,
      programMessage: 'Not Found',
    });
  });

  it('turns a redirect into RedirectError naming the target, and asks fetch not to follow', async () => {
    const { fetch } = scriptedFetch(
      new Response(null, {
        status: 301,
        statusText: 'Moved Permanently',
        headers: { location: 'https://api.example/api/v1/integration/payment/void' },
      }),
    );
    const error = await voidCall(fetch).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RedirectError);
    expect(error).toBeInstanceOf(ProgramRequestError);
    expect(error).toMatchObject({
      status: 301,
      maybeProcessed: false,
      location: 'https://api.example/api/v1/integration/payment/void',
    });
    expect((error as Error).message).toContain(
      'HTTP 301 redirecting to https://api.example/api/v1/integration/payment/void; signed calls are never followed elsewhere',
    );
    expect((error as Error).message).toContain('check baseUrl');
    const init = (fetch as unknown as ReturnType<typeof vi.fn>).mock.calls[0]![1] as RequestInit;
    expect(init.redirect).toBe('manual');
  });

  it('reports an opaque redirect (browsers, redirect: manual) as RedirectError', async () => {
    const opaque = {
      type: 'opaqueredirect',
      status: 0,
      statusText: '',
      ok: false,
      headers: new Headers(),
      body: null,
      text: async () => '',
      clone() {
        return this;
      },
    } as unknown as Response;
    const fetch = vi.fn(async () => opaque) as unknown as typeof globalThis.fetch;
    const error = await voidCall(fetch).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RedirectError);
    expect(error).toMatchObject({ status: 0, location: undefined, maybeProcessed: false });
    expect((error as Error).message).toContain('opaque redirect');
  });

  it('normalises amount given as a string and invoice_code given as a number', async () => {
    const { fetch } = scriptedFetch(
      json({ success: true, message: 'OK', data: { amount: '1950000', invoice_code: 12345 } }),
    );
    const schema = z.object({
      amount: z.pipe(looseAmountSchema, z.transform(toAmount)),
      invoice_code: z.pipe(looseInvoiceCodeSchema, z.transform(String)),
    });
    const { data } = await transport(fetch).request({
      method: 'POST',
      path: ProgramPath.PAYMENT_STATUS,
      body: {},
      readOnly: true,
      data: schema,
    });
    expect(data).toEqual({ amount: 1950000, invoice_code: '12345' });
  });

  it('sends Authorization, and signs it only when signAuthorization is set', async () => {
    const authorization = 'Payment ptok_fake_abc';
    for (const signAuthorization of [false, true]) {
      const { fetch, seen } = scriptedFetch(ok);
      await transport(fetch, { signAuthorization }).request({
        method: 'POST',
        path: ProgramPath.AUTHORIZE,
        body: { otp: '123456' },
        authorization,
        readOnly: false,
        data: quota,
      });
      expect(seen[0]!.headers.get('authorization')).toBe(authorization);
      expect(seen[0]!.headers.get('signature')).toBe(
        expectedSignature(seen[0]!, signAuthorization ? authorization : ''),
      );
    }
  });

  it('uses the X- headers and the SSO host for SSO calls, with query parameters unsigned', async () => {
    const { fetch, seen } = scriptedFetch(
      json({ success: true, message: 'no error', errorCode: '0', data: { quota: 0 } }),
    );
    await transport(fetch, { ssoBaseUrl: 'https://sso.test' }).request({
      method: 'GET',
      path: ProgramPath.SSO_AUTHORIZE,
      api: 'sso',
      query: { state: 'abc', scope: 'name email' },
      readOnly: true,
      data: quota,
    });
    const [request] = seen;
    expect(request!.url).toBe('https://sso.test/api/v1/oauth/authorize?state=abc&scope=name+email');
    expect(request!.headers.get('x-client-id')).toBe(CLIENT_CODE);
    expect(request!.headers.get('client_code')).toBeNull();
    const timestamp = request!.headers.get('x-timestamp');
    expect(request!.headers.get('x-signature')).toBe(
      createHmac('sha1', SIGN_KEY)
        .update(`${CLIENT_CODE}${timestamp}GET${ProgramPath.SSO_AUTHORIZE}`)
        .digest('hex'),
    );
  });

  it('sends only X-Client-Id on client-id calls', async () => {
    const { fetch, seen } = scriptedFetch(
      json({ success: true, message: 'no error', data: { quota: 0 } }),
    );
    await transport(fetch).request({
      method: 'GET',
      path: ProgramPath.SSO_PROFILE,
      api: 'sso',
      auth: 'client-id',
      authorization: 'atok_fake',
      readOnly: true,
      data: quota,
    });
    expect(seen[0]!.headers.get('x-client-id')).toBe(CLIENT_CODE);
    expect(seen[0]!.headers.get('x-signature')).toBeNull();
    expect(seen[0]!.headers.get('authorization')).toBe('atok_fake');
  });

  it('lets callers add headers but not replace the signed ones', async () => {
    const { fetch, seen } = scriptedFetch(ok);
    await transport(fetch, { headers: { 'x-trace': 'a' } }).request({
      method: 'POST',
      path: ProgramPath.QUOTA_SCHEDULE,
      body: {},
      readOnly: true,
      data: quota,
      options: { headers: { signature: 'forged', 'x-call': 'b' } },
    });
    expect(seen[0]!.headers.get('x-trace')).toBe('a');
    expect(seen[0]!.headers.get('x-call')).toBe('b');
    expect(seen[0]!.headers.get('signature')).toBe(expectedSignature(seen[0]!));
  });

  it('shows hooks redacted headers and survives a throwing hook', async () => {
    const onRequest = vi.fn(() => {
      throw new Error('hook bug');
    });
    const onResponse = vi.fn();
    const warn = vi.fn();
    const { fetch } = scriptedFetch(ok);
    await transport(fetch, {
      hooks: { onRequest, onResponse },
      logger: { debug: vi.fn(), info: vi.fn(), warn, error: vi.fn() },
    }).request({
      method: 'POST',
      path: ProgramPath.QUOTA_SCHEDULE,
      body: {},
      readOnly: true,
      data: quota,
    });
    const firstCall = onRequest.mock.calls[0] as unknown as [{ headers: Record<string, string> }];
    expect(firstCall[0].headers['signature']).toBe('[REDACTED]');
    expect(onResponse).toHaveBeenCalledWith(expect.objectContaining({ status: 200, attempt: 1 }));
    expect(warn).toHaveBeenCalledWith('a transport hook threw; ignored', expect.anything());
  });

  it('exposes the public config without the key', () => {
    const { fetch } = scriptedFetch(ok);
    const created = transport(fetch);
    expect(created.config).toEqual({
      clientCode: CLIENT_CODE,
      baseUrl: 'https://sandbox.test',
      ssoBaseUrl: 'https://sandbox.test',
    });
    expect(JSON.stringify(created.config)).not.toContain(SIGN_KEY);
  });

  it('masks user_platform_id and the Prakerja number in debug logs', async () => {
    const lines: string[] = [];
    const record = (...args: unknown[]) => lines.push(JSON.stringify(args));
    const { fetch } = scriptedFetch(ok);
    await transport(fetch, {
      logger: { debug: record, info: record, warn: record, error: record },
    }).request({
      method: 'POST',
      path: ProgramPath.SEND_OTP,
      body: { prakerja_id: '1234567890123456', user_platform_id: 'user-884213' },
      readOnly: false,
      data: quota,
    });
    const all = lines.join('\n');
    expect(all).toContain('us****13');
    expect(all).not.toContain('user-884213');
    expect(all).not.toContain('1234567890123456');
  });

  it('never puts a secret in a log line or an error message, at every level', async () => {
    const lines: string[] = [];
    const record = (...args: unknown[]) => lines.push(JSON.stringify(args));
    const logger = { debug: record, info: record, warn: record, error: record };
    const otp = '482913';
    const paymentToken = 'ptok_fake_7c1e9a';
    const { fetch, seen } = scriptedFetch(
      json({ message: 'busy' }, 429, { 'retry-after': '0' }),
      json(
        {
          code: 'SBX_PLT40011',
          message: `OTP ${otp} salah untuk token Payment ${paymentToken}`,
          success: false,
        },
        400,
      ),
    );
    const error = await transport(fetch, {
      logger,
      hooks: { onRequest: (event) => lines.push(JSON.stringify(event)) },
    })
      .request({
        method: 'POST',
        path: ProgramPath.AUTHORIZE,
        body: { otp, invoice_code: 'INV-1', redeem_code: 'PRAT-ZZ9XQ1', email: 'rina@example.com' },
        authorization: `Payment ${paymentToken}`,
        secrets: [otp, paymentToken],
        readOnly: false,
        data: quota,
      })
      .catch((caught: unknown) => caught as Error);
    expect(lines.length).toBeGreaterThan(3);
    const signatures = seen.map((request) => request.headers.get('signature')!);
    const everything = [...lines, error.message, JSON.stringify(error)].join('\n');
    for (const secret of [SIGN_KEY, otp, paymentToken, 'PRAT-ZZ9XQ1', 'rina@', ...signatures]) {
      expect(everything).not.toContain(secret);
    }
    expect(everything).toContain('PRAT-****Q1');
  });

  it('re-sends once with a corrected timestamp when a refusal reveals a clock jump', async () => {
    const now = Date.parse('2026-11-24T07:00:00Z');
    const ahead = new Date(now + 600_000).toUTCString();
    const reject = () =>
      json({ code: 'SBX_GEN40103', message: 'Timestamp tidak valid', success: false }, 401, {
        date: ahead,
      });
    const corrected = scriptedFetch(reject, ok);
    const response = await transport(corrected.fetch, {
      clock: { now: () => now, correctSkew: true, warnAfterSeconds: 9999 },
    }).request({
      method: 'POST',
      path: ProgramPath.AUTHORIZE,
      body: {},
      readOnly: false,
      data: quota,
    });
    expect(response.data).toEqual({ quota: 3 });
    expect(
      corrected.seen.map((request) => Number(request.headers.get('timestamp')) - now / 1000),
    ).toEqual([0, 600]);

    const uncorrected = scriptedFetch(reject, ok);
    await expect(
      transport(uncorrected.fetch, { clock: { now: () => now, warnAfterSeconds: 9999 } }).request({
        method: 'POST',
        path: ProgramPath.AUTHORIZE,
        body: {},
        readOnly: false,
        data: quota,
      }),
    ).rejects.toMatchObject({ code: 'SBX_GEN40103' });
    expect(uncorrected.seen).toHaveLength(1);

    const twice = scriptedFetch(reject);
    await expect(
      transport(twice.fetch, {
        clock: { now: () => now, correctSkew: true, warnAfterSeconds: 9999 },
      }).request({
        method: 'POST',
        path: ProgramPath.AUTHORIZE,
        body: {},
        readOnly: false,
        data: quota,
      }),
    ).rejects.toMatchObject({ code: 'SBX_GEN40103' });
    expect(twice.seen).toHaveLength(2);
  });
});
