import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionError } from '../errors/request-errors.js';
import * as z from '../schema/index.js';
import { createTransport } from './create-transport.js';
import { defaultFetch } from './default-fetch.node.js';
import { defaultFetch as webDefaultFetch } from './default-fetch.web.js';

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  socket: Socket;
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

async function listen(
  server: Server,
  scheme: 'http' | 'https' = 'http',
): Promise<{ url: string; port: number }> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `${scheme}://127.0.0.1:${port}`, port };
}

/** An HTTP server that records each request and answers with `reply`. */
async function serve(reply: (request: Received, response: ServerResponse) => void) {
  const received: Received[] = [];
  const handler: RequestListener = (request, response) => {
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
        socket: request.socket,
      };
      received.push(entry);
      reply(entry, response);
    });
  };
  const { url, port } = await listen(createServer(handler));
  return { url, port, received };
}

describe('defaultFetch (Node)', () => {
  it('sends the method, path, query, headers and exact body bytes, with a content-length', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(201, 'Created Here', { 'content-type': 'application/json' });
      response.end('{"ok":true}');
    });
    const body = '{"course_code":"CRS-Ä","note":"spasi  ganda"}';
    const response = await defaultFetch(`${server.url}/api/v1/x?a=1&b=%20`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', client_code: 'dp-test-fake' },
      body,
    });
    expect(response.status).toBe(201);
    expect(response.statusText).toBe('Created Here');
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ ok: true });
    const [seen] = server.received;
    expect(seen?.method).toBe('POST');
    expect(seen?.url).toBe('/api/v1/x?a=1&b=%20');
    expect(seen?.headers['client_code']).toBe('dp-test-fake');
    expect(seen?.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    expect(seen?.body).toBe(body);
  });

  it('accepts a Request, Headers and byte bodies, and keeps repeated response headers', async () => {
    const server = await serve((_request, response) => {
      response.setHeader('x-many', ['one', 'two']);
      response.end('fine');
    });
    const viaRequest = await defaultFetch(
      new Request(`${server.url}/r`, { method: 'PUT', headers: { 'x-from': 'request' } }),
    );
    expect(await viaRequest.text()).toBe('fine');
    expect(viaRequest.headers.get('x-many')).toBe('one, two');
    await defaultFetch(new URL(`${server.url}/u`), {
      method: 'POST',
      headers: new Headers({ 'x-from': 'headers' }),
      body: new TextEncoder().encode('bytes'),
    });
    await defaultFetch(`${server.url}/b`, {
      method: 'POST',
      headers: [['x-from', 'pairs']],
      body: new TextEncoder().encode('buffer').buffer as ArrayBuffer,
    });
    expect(server.received.map((request) => [request.method, request.url])).toEqual([
      ['PUT', '/r'],
      ['POST', '/u'],
      ['POST', '/b'],
    ]);
    expect(server.received.map((request) => request.headers['x-from'])).toEqual([
      'request',
      'headers',
      'pairs',
    ]);
    expect(server.received.map((request) => request.body)).toEqual(['', 'bytes', 'buffer']);
  });

  it('refuses a body it cannot send before opening a connection', async () => {
    await expect(
      defaultFetch('http://127.0.0.1:9/never', {
        method: 'POST',
        body: new URLSearchParams({ a: '1' }),
      }),
    ).rejects.toThrow(/string or byte bodies only; pass `fetch: globalThis.fetch`/);
  });

  it('gives a null body for 204 and 304', async () => {
    const server = await serve((request, response) => {
      response.writeHead(request.url === '/204' ? 204 : 304);
      response.end();
    });
    for (const status of [204, 304]) {
      const response = await defaultFetch(`${server.url}/${status}`);
      expect(response.status).toBe(status);
      expect(response.body).toBeNull();
    }
  });

  it('decodes gzip, deflate and br bodies', async () => {
    const text = JSON.stringify({ success: true, data: { quota: 7 } });
    const encoders: Record<string, (input: string) => Buffer> = {
      gzip: (input) => gzipSync(input),
      deflate: (input) => deflateSync(input),
      br: (input) => brotliCompressSync(input),
    };
    const server = await serve((request, response) => {
      const encoding = request.url!.slice(1);
      response.writeHead(200, { 'content-encoding': encoding });
      response.end(encoders[encoding]!(text));
    });
    for (const encoding of Object.keys(encoders)) {
      const response = await defaultFetch(`${server.url}/${encoding}`);
      expect(await response.text()).toBe(text);
    }
  });

  it('rejects a body that claims an encoding it does not have', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-encoding': 'gzip' });
      response.end('not gzip at all');
    });
    const response = await defaultFetch(`${server.url}/`);
    await expect(response.text()).rejects.toThrow(/header/i);
  });

  it('does not follow redirects', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(301, { location: 'https://elsewhere.example/' });
      response.end();
    });
    const response = await defaultFetch(`${server.url}/moved`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('https://elsewhere.example/');
    expect(server.received).toHaveLength(1);
  });

  it('reuses one keep-alive connection for calls in sequence', async () => {
    const server = await serve((_request, response) => response.end('ok'));
    for (let index = 0; index < 3; index++) {
      await (await defaultFetch(`${server.url}/${index}`)).text();
    }
    expect(server.received).toHaveLength(3);
    expect(new Set(server.received.map((request) => request.socket)).size).toBe(1);
  });

  it('rejects at once with the reason of an already aborted signal, sending nothing', async () => {
    const server = await serve((_request, response) => response.end('ok'));
    const controller = new AbortController();
    controller.abort(new Error('caller gave up'));
    await expect(defaultFetch(`${server.url}/`, { signal: controller.signal })).rejects.toThrow(
      'caller gave up',
    );
    expect(server.received).toHaveLength(0);
  });

  it('aborts a request in flight and closes its connection', async () => {
    let closed!: () => void;
    const socketClosed = new Promise<void>((resolve) => {
      closed = resolve;
    });
    const server = await serve((request) => {
      request.socket.once('close', () => closed());
    });
    const controller = new AbortController();
    const pending = defaultFetch(`${server.url}/slow`, { signal: controller.signal });
    await expect.poll(() => server.received.length).toBe(1);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    await socketClosed;
  });

  it('reports a refused connection with its code, which the transport treats as not sent', async () => {
    const probe = await listen(createServer());
    const port = probe.port;
    await new Promise<void>((resolve) => servers.pop()!.close(() => resolve()));
    await expect(defaultFetch(`http://127.0.0.1:${port}/`)).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
    const transport = createTransport({
      clientCode: 'dp-test-fake',
      signKey: 'sk_test_fake_0123456789',
      baseUrl: `http://127.0.0.1:${port}`,
      logLevel: 'silent',
      maxRetries: 1,
      retry: { baseDelayMs: 1, maxDelayMs: 1 },
    });
    const failure = await transport
      .request({ method: 'POST', path: '/api/v1/x', body: {}, readOnly: false, data: z.unknown() })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConnectionError);
    // Re-sent (a refused connection never reached the program) and still not processed.
    expect(failure).toMatchObject({ maybeProcessed: false, attempts: 2 });
  });

  it('reports a connection reset after sending as a failure the transport may not re-send', async () => {
    const server = await serve((request) => request.socket.destroy());
    await expect(
      defaultFetch(`${server.url}/`, { method: 'POST', body: '{}' }),
    ).rejects.toMatchObject({ code: 'ECONNRESET' });
    const transport = createTransport({
      clientCode: 'dp-test-fake',
      signKey: 'sk_test_fake_0123456789',
      baseUrl: server.url,
      logLevel: 'silent',
    });
    const failure = await transport
      .request({ method: 'POST', path: '/api/v1/x', body: {}, readOnly: false, data: z.unknown() })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConnectionError);
    expect(failure).toMatchObject({ maybeProcessed: true, attempts: 1 });
    expect(server.received).toHaveLength(2);
  });

  it('rejects an unsupported protocol', async () => {
    await expect(defaultFetch('ftp://127.0.0.1/file')).rejects.toThrow(/unsupported protocol ftp:/);
  });

  it('talks TLS to https URLs and verifies the certificate', async () => {
    const fixtures = join(import.meta.dirname, '..', '..', 'test', 'fixtures');
    const server = createHttpsServer(
      {
        key: readFileSync(join(fixtures, 'self-signed-localhost.key.pem')),
        cert: readFileSync(join(fixtures, 'self-signed-localhost.cert.pem')),
      },
      (_request, response) => response.end('secret page'),
    );
    const { url } = await listen(server, 'https');
    // A self-signed certificate is refused: verification is on, as with the built-in fetch.
    await expect(defaultFetch(`${url}/`)).rejects.toMatchObject({
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
  });

  it('lets the process exit while keep-alive connections are idle', async () => {
    const server = await serve((_request, response) => response.end('ok'));
    // The server would keep the idle connection for a minute; the child must not wait for it.
    (servers.at(-1) as Server).keepAliveTimeout = 60_000;
    const script = `
      import { defaultFetch } from ${JSON.stringify(join(import.meta.dirname, 'default-fetch.node.ts'))};
      const response = await defaultFetch(${JSON.stringify(`${server.url}/`)});
      process.stdout.write(await response.text());
    `;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '--eval', script],
      { cwd: join(import.meta.dirname, '..', '..'), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const started = Date.now();
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(output).toBe('ok');
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});

describe('defaultFetch (web)', () => {
  it('is globalThis.fetch, looked up on each call', async () => {
    const server = await serve((_request, response) => response.end('from global fetch'));
    const response = await webDefaultFetch(`${server.url}/`);
    expect(await response.text()).toBe('from global fetch');
  });
});
