import { createSignature } from '@prakerja-kit/core';

/** Fake credentials shared by the doc samples' tests (never real ones). */
export const FAKE_CREDENTIALS = {
  clientCode: 'docs-fake-client',
  signKey: 'sk_fake_docs_0123456789',
  baseUrl: 'https://program.test',
} as const;

/** What a route handler receives: the parsed body and the request headers. */
export interface FakeCall {
  path: string;
  body: Record<string, unknown>;
  headers: Headers;
}

/** A route answer: a JSON body with a status, or a thrown error (a dropped connection). */
export type FakeAnswer = { status?: number; body: unknown } | Error;

/** Handlers by program path. */
export type FakeRoutes = Record<string, (call: FakeCall) => FakeAnswer>;

/**
 * A tiny in-process stand-in for the program, for the samples that only need core: it checks
 * the program signature on every request exactly as the program documents it, then answers
 * from `routes`. The samples that need a full program run against `@prakerja-kit/sandbox`.
 */
export function createFakeProgram(routes: FakeRoutes) {
  const calls: FakeCall[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    const text = await request.text();
    const headers = request.headers;
    const expected = await createSignature({
      clientCode: headers.get('client_code') ?? '',
      signKey: FAKE_CREDENTIALS.signKey,
      timestamp: headers.get('timestamp') ?? '',
      method: request.method,
      path,
      body: text,
    });
    if (headers.get('signature') !== expected) {
      return json(401, { success: false, code: 'SBX_GEN40101', message: 'Signature tidak valid.' });
    }
    const body = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
    const call = { path, body, headers };
    calls.push(call);
    const route = routes[path];
    if (!route)
      return json(404, {
        success: false,
        code: 'SBX_GEN40401',
        message: 'Endpoint tidak ditemukan.',
      });
    const answer = route(call);
    if (answer instanceof Error) throw answer;
    return json(answer.status ?? 200, answer.body);
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}
