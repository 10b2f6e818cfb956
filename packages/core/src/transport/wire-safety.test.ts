// What leaves the machine and what comes back, over real loopback HTTP: redirects are never
// followed, refused headers never leave, answers are bounded, server text is masked.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ProgramPath } from '../constants.js';
import { ProgramApiError, RedirectError } from '../errors/request-errors.js';
import { RequestValidationError, ResponseValidationError } from '../errors/validation-errors.js';
import * as z from '../schema/index.js';
import { createTransport, type TransportOptions } from './create-transport.js';

const CLIENT_CODE = 'dp-test-fake';
const SIGN_KEY = 'sk_test_fake_0123456789';
const OTP = '482913';

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

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

/** A loopback HTTP server recording each request (after its body) and answering with `reply`. */
async function serve(reply: (request: Received, response: ServerResponse) => void) {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => {
      const entry = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body,
      };
      received.push(entry);
      reply(entry, response);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received };
}

const fetches: ReadonlyArray<[string, TransportOptions['fetch']]> = [
  ['the default fetch', undefined],
  ['fetch: globalThis.fetch', (input, init) => globalThis.fetch(input, init)],
];

function transport(baseUrl: string, options: TransportOptions = {}) {
  return createTransport({
    clientCode: CLIENT_CODE,
    signKey: SIGN_KEY,
    baseUrl,
    logLevel: 'silent',
    retry: { baseDelayMs: 1, maxDelayMs: 2 },
    env: {},
    ...options,
  });
}

const anything = z.unknown();

/** An authorize-like state-changing call carrying an OTP in its body. */
function authorize(baseUrl: string, options: TransportOptions = {}) {
  return transport(baseUrl, options).request({
    method: 'POST',
    path: ProgramPath.AUTHORIZE,
    body: { invoice_code: 'INV-1', otp: OTP, redeem_code: 'PRAT-UJ0EEQ' },
    authorization: 'Payment ptok_fake_7c1e9a',
    secrets: [OTP],
    readOnly: false,
    data: anything,
  });
}

describe('redirects', () => {
  for (const [name, fetch] of fetches) {
    for (const status of [302, 307, 308]) {
      it(`never follows a ${status} to another origin, with ${name}`, async () => {
        const elsewhere = await serve((_request, response) => {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ success: true, message: 'OK', data: { paid: true } }));
        });
        const program = await serve((request, response) => {
          response.writeHead(status, { location: `${elsewhere.url}${request.url}` });
          response.end();
        });
        const error = await authorize(program.url, { fetch }).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(RedirectError);
        expect(error).toMatchObject({
          status,
          maybeProcessed: false,
          location: `${elsewhere.url}${ProgramPath.AUTHORIZE}`,
        });
        expect((error as Error).message).toContain(`redirecting to ${elsewhere.url}`);
        expect((error as Error).message).toContain('never followed elsewhere');
        expect((error as Error).message).toContain('check baseUrl');
        // The signed call reached the configured origin once, and nothing else anywhere.
        expect(program.received).toHaveLength(1);
        expect(program.received[0]!.headers['signature']).toMatch(/^[0-9a-f]{40}$/);
        expect(program.received[0]!.body).toContain(OTP);
        expect(elsewhere.received).toHaveLength(0);
      });
    }
  }

  it('redacts secrets and masks identifiers in the Location it reports', async () => {
    const program = await serve((request, response) => {
      const signature = String(request.headers['signature']);
      response.writeHead(307, {
        location: `http://127.0.0.1:9/x?otp=${OTP}&sig=${signature}&code=PRAT-UJ0EEQ`,
      });
      response.end();
    });
    const error = (await authorize(program.url).catch(
      (caught: unknown) => caught,
    )) as RedirectError;
    expect(error).toBeInstanceOf(RedirectError);
    expect(error.location).not.toContain(OTP);
    expect(error.location).not.toContain(String(program.received[0]!.headers['signature']));
    expect(error.location).not.toContain('PRAT-UJ0EEQ');
    expect(error.message).not.toContain(OTP);
  });
});

describe('headers the runtime would refuse', () => {
  const bad: ReadonlyArray<[string, Record<string, string>, string]> = [
    ['a CR/LF value', { 'x-note': 'a\r\nX-Injected: 1' }, 'line break'],
    ['a NUL value', { 'x-note': 'a\u0000b' }, 'NUL'],
    ['a non-latin-1 value', { 'x-note': 'harga €' }, 'outside latin-1'],
    ['an invalid name', { 'x bad:name': 'ok' }, 'header name'],
  ];
  for (const [name, fetch] of fetches) {
    for (const [what, headers, said] of bad) {
      it(`refuses ${what} before sending, client-level and per call, with ${name}`, async () => {
        const program = await serve((_request, response) => response.end('{}'));
        const headerName = Object.keys(headers)[0]!;
        const viaClient = await authorize(program.url, { fetch, headers }).catch(
          (caught: unknown) => caught,
        );
        const viaCall = await transport(program.url, { fetch })
          .request({
            method: 'POST',
            path: ProgramPath.VOID,
            body: {},
            readOnly: false,
            data: anything,
            options: { headers },
          })
          .catch((caught: unknown) => caught);
        for (const error of [viaClient, viaCall]) {
          expect(error).toBeInstanceOf(RequestValidationError);
          expect(error).toMatchObject({ field: `headers.${headerName}` });
          expect((error as Error).message).toContain(said);
          expect(error).not.toHaveProperty('maybeProcessed');
        }
        expect(program.received).toHaveLength(0);
      });
    }
  }

  it('accepts latin-1 and tab in a value', async () => {
    const program = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ success: true, message: 'OK', data: null }));
    });
    await transport(program.url, { headers: { 'x-note': 'caf\u00e9\tok' } }).request({
      method: 'GET',
      path: ProgramPath.VOID,
      readOnly: true,
      data: anything,
    });
    expect(program.received).toHaveLength(1);
  });
});

/**
 * A server that streams `chunk` until `limit` bytes are written or the client goes away,
 * honouring backpressure; `written` counts what the socket accepted.
 */
async function hugeServer(options: { status: number; contentLength?: number }) {
  const state = { written: 0, finished: false, closedEarly: false };
  let done!: () => void;
  const finished = new Promise<void>((resolve) => {
    done = resolve;
  });
  const limit = 200 * 1024 * 1024;
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const server = await serve((_request, response) => {
    response.writeHead(options.status, {
      'content-type': 'application/json',
      ...(options.contentLength ? { 'content-length': String(options.contentLength) } : {}),
    });
    response.write('{"success":true,"message":"');
    let closed = false;
    response.on('close', () => {
      closed = true;
    });
    const pump = async () => {
      while (!closed && state.written < limit) {
        state.written += chunk.length;
        if (!response.write(chunk)) {
          await new Promise<void>((resolve) => {
            response.once('drain', resolve);
            response.once('close', resolve);
          });
        }
      }
      state.closedEarly = closed;
      state.finished = true;
      if (!closed) response.end('"}');
      done();
    };
    void pump();
  });
  return { ...server, state, finished };
}

describe('maxResponseBytes', () => {
  for (const [name, fetch] of fetches) {
    it(`cuts off a huge 2xx promptly as ResponseValidationError, with ${name}`, async () => {
      const server = await hugeServer({ status: 200 });
      const started = Date.now();
      const error = await transport(server.url, { fetch, maxResponseBytes: 64 * 1024 })
        .request({
          method: 'POST',
          path: ProgramPath.VOID,
          body: {},
          readOnly: false,
          data: anything,
        })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ResponseValidationError);
      expect((error as Error).message).toContain('maxResponseBytes (65536 bytes');
      expect((error as Error).message).toContain('reconcile');
      expect(Date.now() - started).toBeLessThan(5_000);
      // The socket closes: the server stops long before the 200 MB it would send.
      await server.finished;
      expect(server.state.closedEarly).toBe(true);
      expect(server.state.written).toBeLessThan(32 * 1024 * 1024);
    });

    it(`refuses a declared content-length over the limit without reading, with ${name}`, async () => {
      const server = await hugeServer({ status: 200, contentLength: 300 * 1024 * 1024 });
      const error = await transport(server.url, { fetch })
        .request({ method: 'GET', path: ProgramPath.VOID, readOnly: true, data: anything })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ResponseValidationError);
      expect((error as Error).message).toContain(`stopped after ${300 * 1024 * 1024}`);
      await server.finished;
      expect(server.state.closedEarly).toBe(true);
      expect(server.state.written).toBeLessThan(32 * 1024 * 1024);
    });

    it(`keeps the status of a huge error answer and omits its message, with ${name}`, async () => {
      const server = await hugeServer({ status: 502 });
      const error = await transport(server.url, { fetch, maxRetries: 0 })
        .request({
          method: 'GET',
          path: ProgramPath.VOID,
          readOnly: true,
          data: anything,
          options: { maxResponseBytes: 1024 },
        })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ProgramApiError);
      expect(error).toMatchObject({ status: 502, code: undefined });
      expect((error as ProgramApiError).programMessage).toContain('message omitted');
      expect((error as ProgramApiError).programMessage).toContain('maxResponseBytes (1024 bytes');
      await server.finished;
      expect(server.state.written).toBeLessThan(32 * 1024 * 1024);
    });
  }

  it('reads an answer that fits, under the default limit', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ success: true, message: 'OK', data: 'x'.repeat(900_000) }));
    });
    const answer = await transport(server.url).request({
      method: 'GET',
      path: ProgramPath.VOID,
      readOnly: true,
      data: z.string(),
    });
    expect(answer.data).toHaveLength(900_000);
  });

  it('times out a body that stops arriving', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"success":true,');
    });
    const error = await transport(server.url, { timeout: 300, maxRetries: 0 })
      .request({
        method: 'POST',
        path: ProgramPath.VOID,
        body: {},
        readOnly: false,
        data: anything,
      })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'TimeoutError', maybeProcessed: true });
    expect(server.received).toHaveLength(1);
  });
});

describe('server text in errors', () => {
  it('masks the call secrets, redeem codes, emails, Prakerja numbers and signatures', async () => {
    let signature = '';
    const program = await serve((request, response) => {
      signature = String(request.headers['signature']);
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          success: false,
          code: 'SBX_PLT40011',
          message: `OTP ${OTP} salah untuk PRAT-UJ0EEQ, budi@example.com, 1234567890123456, sig ${signature}, key ${SIGN_KEY}, token ptok_fake_7c1e9a`,
        }),
      );
    });
    const error = (await authorize(program.url).catch(
      (caught: unknown) => caught,
    )) as ProgramApiError;
    expect(error).toBeInstanceOf(ProgramApiError);
    const text = `${error.message}\n${error.programMessage}`;
    for (const leaked of [
      OTP,
      'PRAT-UJ0EEQ',
      'budi@example.com',
      '1234567890123456',
      signature,
      SIGN_KEY,
      'ptok_fake_7c1e9a',
    ]) {
      expect(text).not.toContain(leaked);
    }
    expect(error.programMessage).toContain('PRAT-****EQ');
    expect(error.programMessage).toContain('b***@example.com');
    expect(error.programMessage).toContain('12****56');
  });
});
