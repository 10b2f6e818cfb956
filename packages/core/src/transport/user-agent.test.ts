import { describe, expect, it } from 'vitest';
import * as z from '../schema/index.js';
import { createTransport } from './create-transport.js';
import {
  CORE_VERSION,
  defaultUserAgent,
  runtimeToken,
  SDK_PACKAGE,
  withUserAgent,
} from './user-agent.js';

const CREDENTIALS = { clientCode: 'dp-test-fake', signKey: 'sk_test_fake_0123456789' };

/** A fetch that records each request's headers and answers a success envelope. */
function recordingFetch() {
  const seen: Headers[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    seen.push(new Request(input, init).headers);
    return new Response(JSON.stringify({ success: true, message: 'ok', data: {} }), {
      headers: { 'content-type': 'application/json' },
    });
  };
  return { fetch: fetch as typeof globalThis.fetch, seen };
}

describe('runtimeToken', () => {
  it('names Node with its version', () => {
    expect(runtimeToken()).toBe(`node/${process.versions.node}`);
    expect(runtimeToken({ process: { versions: { node: '20.20.0' } } })).toBe('node/20.20.0');
  });

  it('names Deno and Bun before their Node compatibility layer', () => {
    expect(runtimeToken({ Deno: { version: { deno: '2.1.4' } } })).toBe('deno/2.1.4');
    expect(
      runtimeToken({ Deno: { version: { deno: '2.1.4' } }, process: { versions: { node: '22' } } }),
    ).toBe('deno/2.1.4');
    expect(runtimeToken({ Bun: { version: '1.2.0' }, process: { versions: { node: '22' } } })).toBe(
      'bun/1.2.0',
    );
  });

  it('names workerd by its navigator, gives up in a browser, and says unknown otherwise', () => {
    expect(runtimeToken({ navigator: { userAgent: 'Cloudflare-Workers' } })).toBe(
      'cloudflare-workers',
    );
    expect(runtimeToken({ document: {}, navigator: { userAgent: 'Mozilla/5.0 (X11)' } })).toBe(
      undefined,
    );
    expect(runtimeToken({})).toBe('unknown');
  });
});

describe('withUserAgent', () => {
  it('adds prakerja-kit-<package>/<version> <runtime>/<version>, naming core by default', () => {
    const headers = withUserAgent({ headers: { 'X-Trace': '1' } }, { 'X-Call': '2' });
    expect(headers).toEqual({
      'User-Agent': `prakerja-kit-core/${CORE_VERSION} node/${process.versions.node}`,
      'X-Trace': '1',
      'X-Call': '2',
    });
    expect(headers['User-Agent']).toMatch(/^prakerja-kit-core\/\S+ node\/\d+\.\d+\.\d+$/);
  });

  it('names the client package given under SDK_PACKAGE', () => {
    const options = { [SDK_PACKAGE]: 'platform/0.1.0' };
    expect(withUserAgent(options)['User-Agent']).toBe(
      `prakerja-kit-platform/0.1.0 node/${process.versions.node}`,
    );
    expect(defaultUserAgent('provider/1.2.3')).toBe(
      `prakerja-kit-provider/1.2.3 node/${process.versions.node}`,
    );
  });

  it("lets the transport's headers or the call's headers win, in any letter case", () => {
    expect(withUserAgent({ headers: { 'user-agent': 'shop/1' } })).toEqual({
      'user-agent': 'shop/1',
    });
    expect(withUserAgent({}, { 'USER-AGENT': 'call/2' })).toEqual({ 'USER-AGENT': 'call/2' });
    expect(
      withUserAgent({ headers: { 'User-Agent': 'shop/1' } }, { 'User-Agent': 'call/2' }),
    ).toEqual({
      'User-Agent': 'call/2',
    });
  });

  it('does not change the caller’s header objects', () => {
    const mine = { 'X-Trace': '1' };
    withUserAgent({ headers: mine });
    expect(mine).toEqual({ 'X-Trace': '1' });
  });
});

const CALL = {
  method: 'POST' as const,
  path: '/api/v1/test',
  body: { a: 1 },
  readOnly: true,
  data: z.unknown(),
};

describe('the transport', () => {
  it('sends the User-Agent on every request, and the caller’s one when given', async () => {
    const { fetch, seen } = recordingFetch();
    const transport = createTransport({ ...CREDENTIALS, baseUrl: 'https://api.test', fetch });
    await transport.request(CALL);
    expect(seen[0]?.get('user-agent')).toBe(
      `prakerja-kit-core/${CORE_VERSION} node/${process.versions.node}`,
    );

    const named = createTransport({
      ...CREDENTIALS,
      baseUrl: 'https://api.test',
      fetch,
      [SDK_PACKAGE]: 'provider/0.1.0',
    });
    await named.request(CALL);
    expect(seen[1]?.get('user-agent')).toBe(
      `prakerja-kit-provider/0.1.0 node/${process.versions.node}`,
    );

    const overridden = createTransport({
      ...CREDENTIALS,
      baseUrl: 'https://api.test',
      fetch,
      headers: { 'user-agent': 'my-lms/3.0' },
    });
    await overridden.request(CALL);
    expect(seen[2]?.get('user-agent')).toBe('my-lms/3.0');
  });
});
