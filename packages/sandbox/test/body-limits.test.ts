import { connect } from 'node:net';
import { ProgramPath } from '@prakerja-kit/core';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type SandboxServer } from '../src/index.js';
import { CONSENT_PAGE_PATH } from '../src/internal/sso.js';

const LIMIT = 1024;
const over = 'x'.repeat(LIMIT + 1);

// Every route that reads a body: program API, control plane (JSON and state import), a page
// with a form, and a path that does not exist.
const ROUTES: [string, string][] = [
  ['POST', ProgramPath.SEND_OTP],
  ['POST', ProgramPath.SSO_TOKEN],
  ['POST', '/__sandbox/webhooks'],
  ['PUT', '/__sandbox/state'],
  ['POST', '/__sandbox/events'],
  ['POST', CONSENT_PAGE_PATH],
  ['POST', '/no/such/route'],
];

/** Sends raw bytes and returns the status line's code (or null when the socket closed first). */
function rawStatus(port: number, head: string, body: Buffer): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const match = /^HTTP\/1\.1 (\d{3})/.exec(text);
      resolve(match ? Number(match[1]) : null);
    });
    socket.setTimeout(10_000, () => {
      socket.destroy();
      reject(new Error('no answer within 10 s'));
    });
    socket.write(head);
    socket.write(body, () => socket.end());
  });
}

describe('node front', () => {
  const sandbox = createSandbox({ seed: 3, maxBodyBytes: LIMIT });
  let server: SandboxServer;
  beforeAll(async () => {
    server = await sandbox.listen({ port: 0 });
  });
  afterAll(() => sandbox.close());

  it.each(ROUTES)(
    'answers 413 for %s %s with a declared length over the limit',
    async (method, path) => {
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: over,
      });
      expect(response.status).toBe(413);
      expect(await response.json()).toMatchObject({ success: false });
    },
  );

  it.each(ROUTES)(
    'answers 413 for %s %s with a chunked body over the limit',
    async (method, path) => {
      const chunks = [over.slice(0, 600), over.slice(600)];
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          const next = chunks.shift();
          if (next === undefined) controller.close();
          else controller.enqueue(new TextEncoder().encode(next));
        },
      });
      const response = await fetch(`${server.url}${path}`, {
        method,
        body,
        duplex: 'half',
      } as RequestInit);
      expect(response.status).toBe(413);
      await response.body?.cancel();
    },
  );

  it('answers 413 (and closes) for a body far over the limit instead of dropping the socket', async () => {
    const size = LIMIT * 64;
    const status = await rawStatus(
      server.port,
      `POST ${ProgramPath.SEND_OTP} HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: ${size}\r\n\r\n`,
      Buffer.alloc(size, 120),
    );
    expect(status).toBe(413);
    const chunked = await rawStatus(
      server.port,
      'POST /__sandbox/webhooks HTTP/1.1\r\nhost: 127.0.0.1\r\ntransfer-encoding: chunked\r\n\r\n',
      Buffer.concat([
        Buffer.from(`${(size).toString(16)}\r\n`),
        Buffer.alloc(size, 120),
        Buffer.from('\r\n0\r\n\r\n'),
      ]),
    );
    expect(chunked).toBe(413);
  });

  it('still serves a body at the limit', async () => {
    const response = await fetch(`${server.url}/__sandbox/webhooks`, {
      method: 'POST',
      body: JSON.stringify({ url: 'http://127.0.0.1:1/hook', pad: 'y'.repeat(LIMIT - 60) }).slice(
        0,
        LIMIT,
      ),
    });
    expect(response.status).not.toBe(413);
    await response.body?.cancel();
  });
});

describe('msw front', () => {
  const sandbox = createSandbox({ seed: 3, maxBodyBytes: LIMIT });
  const msw = setupServer(...sandbox.handlers);
  beforeAll(() => msw.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => {
    msw.close();
    return sandbox.close();
  });

  it.each(ROUTES)('answers 413 for %s %s over the limit', async (method, path) => {
    const response = await fetch(`https://api.prakerja.go.id${path}`, { method, body: over });
    expect(response.status).toBe(413);
    const chunks = [over.slice(0, 600), over.slice(600)];
    const streamed = await fetch(`https://api.prakerja.go.id${path}`, {
      method,
      body: new ReadableStream<Uint8Array>({
        pull(controller) {
          const next = chunks.shift();
          if (next === undefined) controller.close();
          else controller.enqueue(new TextEncoder().encode(next));
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
  });
});
