import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ProgramErrorCode } from '@prakerja-kit/core';
import { type DispatchResult, DROP } from './dispatch.js';
import { programErrorResponse } from './responses.js';

/** Options of the node HTTP front. */
export interface NodeFrontOptions {
  port: number;
  host: string;
  maxBodyBytes: number;
}

/** A running node HTTP front. */
export interface NodeFront {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Reads the body up to `maxBytes`; null when it is over the limit (a declared `content-length`
 * over the limit is refused before reading anything).
 */
function readLimited(request: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  if (Number(request.headers['content-length'] ?? '0') > maxBytes) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      request.off('data', onData).off('end', onEnd).off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        done();
        request.pause();
        resolve(null);
      } else {
        chunks.push(chunk);
      }
    };
    const onEnd = () => {
      done();
      resolve(Buffer.concat(chunks));
    };
    const onError = (error: Error) => {
      done();
      reject(error);
    };
    request.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

/**
 * Answers 413 for a body over the limit and closes the connection: the rest of the body is not
 * read (a sender cannot make the sandbox swallow gigabytes), and a socket still open after a
 * second is destroyed.
 */
async function refuseTooLarge(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const result = programErrorResponse(ProgramErrorCode.PAYLOAD_TOO_LARGE, { connection: 'close' });
  response.on('finish', () => {
    request.socket.end();
    setTimeout(() => request.socket.destroy(), 1000).unref();
  });
  await send(response, result);
}

function toRequest(request: IncomingMessage, body: Buffer, fallbackOrigin: string): Request {
  let url: URL;
  try {
    url = new URL(request.url ?? '/', `http://${request.headers.host ?? ''}`);
    if (!request.headers.host) throw new TypeError('no host');
  } catch {
    url = new URL(request.url?.startsWith('/') ? request.url : '/', fallbackOrigin);
  }
  const headers = new Headers();
  for (let index = 0; index < request.rawHeaders.length; index += 2) {
    const name = request.rawHeaders[index]!;
    const value = request.rawHeaders[index + 1]!;
    if (name.toLowerCase() === 'host') continue;
    headers.append(name, value);
  }
  const method = request.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  return new Request(url, { method, headers, ...(hasBody ? { body: new Uint8Array(body) } : {}) });
}

async function send(response: ServerResponse, result: Response): Promise<void> {
  const headers: Record<string, string> = {};
  result.headers.forEach((value, name) => {
    headers[name] = value;
  });
  if (result.body && headers['content-type']?.startsWith('text/event-stream')) {
    await stream(response, result.status, headers, result.body);
    return;
  }
  const body = Buffer.from(await result.arrayBuffer());
  response.writeHead(result.status, headers);
  response.end(body);
}

/** Writes a server-sent-events body as it comes; the client leaving cancels the stream. */
async function stream(
  response: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: ReadableStream<Uint8Array>,
): Promise<void> {
  const reader = body.getReader();
  response.on('close', () => {
    void reader.cancel().catch(() => undefined);
  });
  response.writeHead(status, headers);
  response.flushHeaders();
  for (;;) {
    const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
    if (done || response.destroyed) break;
    response.write(value);
  }
  response.end();
}

/**
 * Serves the dispatcher over node:http: node requests become fetch `Request`s and responses are
 * written back, so the node front and the msw front run the same code. A dropped connection
 * destroys the socket.
 */
export async function startNodeFront(
  dispatch: (request: Request) => Promise<DispatchResult>,
  options: NodeFrontOptions,
): Promise<NodeFront> {
  let origin = '';
  const server = createServer((request, response) => {
    void (async () => {
      try {
        const body = await readLimited(request, options.maxBodyBytes);
        if (body === null) {
          await refuseTooLarge(request, response);
          return;
        }
        let fetchRequest: Request;
        try {
          fetchRequest = toRequest(request, body, origin);
        } catch {
          await send(response, programErrorResponse(ProgramErrorCode.MALFORMED_BODY));
          return;
        }
        const result = await dispatch(fetchRequest);
        if (result === DROP) {
          request.socket.destroy();
          return;
        }
        await send(response, result);
      } catch {
        if (!response.headersSent) {
          await send(response, programErrorResponse(ProgramErrorCode.INTERNAL)).catch(
            () => undefined,
          );
        } else {
          response.destroy();
        }
      }
    })();
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  origin = `http://${host}:${address.port}`;
  return {
    url: origin,
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
