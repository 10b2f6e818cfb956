import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSignature } from '@prakerja-kit/core';
import type { SandboxClient } from '../src/index.js';

/** A JSON response read in full. */
export interface CallResult {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies loosely.
  body: any;
  headers: Headers;
}

/** Options of {@link call}. */
export interface CallOptions {
  method?: string;
  /** Body text to send instead of the compact JSON of `body`. */
  rawBody?: string;
  /** Body text to sign instead of the sent one. */
  signedBody?: string;
  timestamp?: number;
  headers?: Record<string, string>;
  authorization?: string;
  signAuthorization?: boolean;
  signKey?: string;
}

/** Sends a program-signed request to the sandbox, like a partner would. */
export async function call(
  baseUrl: string,
  client: Pick<SandboxClient, 'clientCode' | 'signKey'>,
  path: string,
  body?: unknown,
  options: CallOptions = {},
): Promise<CallResult> {
  const method = options.method ?? 'POST';
  const sent = options.rawBody ?? (body === undefined ? '' : JSON.stringify(body));
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = await createSignature({
    clientCode: client.clientCode,
    signKey: options.signKey ?? client.signKey,
    timestamp,
    method,
    path,
    body: options.signedBody ?? sent,
    authorization: options.authorization,
    signAuthorization: options.signAuthorization,
  });
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    client_code: client.clientCode,
    signature,
    timestamp: String(timestamp),
    ...(options.authorization ? { authorization: options.authorization } : {}),
    ...options.headers,
  };
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    ...(method === 'GET' ? {} : { body: sent }),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON (pages): keep the text.
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

/** Calls the control plane. */
export async function control(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<CallResult> {
  const response = await fetch(`${baseUrl}/__sandbox${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? JSON.parse(text) : null,
    headers: response.headers,
  };
}

/** The program error code of a result, if any. */
export const codeOf = (result: { body?: unknown }): string | undefined =>
  (result.body as { code?: string } | null | undefined)?.code;

/** A local HTTP receiver recording requests; answers with `respond(request)` status. */
export async function startReceiver(
  respond: (request: IncomingMessage, body: string) => number = () => 200,
) {
  const received: { headers: IncomingMessage['headers']; body: string; url: string }[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ headers: request.headers, body, url: request.url ?? '' });
      response.writeHead(respond(request, body), { 'content-type': 'text/html' });
      response.end('<html><body>received</body></html>');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
