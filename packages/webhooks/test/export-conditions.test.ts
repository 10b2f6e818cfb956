// The built package under both export conditions (issue 22): `sign`, `verify`,
// `verifyEnvelope` and core's `createSignature` return a promise from the `node` build
// (node:crypto) and from the web build (WebCrypto) alike, with the same values; the Node
// entries add the synchronous variants. Builds core and webhooks first when their dist is stale.
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureWebhooksBuilt } from '../../../tests/support/built-packages.js';

const packages = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const VECTOR = {
  clientCode: 'myclient_code',
  signKey: 'my_sign_key',
  timestamp: 1516239022,
  method: 'POST',
  path: '/api/v1/integration/payment/redeem-code/commit',
  body: '{"redeem_code":"code"}',
};

type Module = Record<string, (...args: never[]) => unknown>;
const load = (path: string) => import(join(packages, path)) as Promise<Module>;

// Built under the lock the CLI and docs tests take: tsup empties dist/ before writing it.
beforeAll(ensureWebhooksBuilt, 300_000);

describe.each(['node', 'web'])('the %s build', (build) => {
  it('core createSignature returns a promise of the official vector', async () => {
    const core = await load(`core/dist/${build}/index.js`);
    const signature = (core['createSignature'] as (params: typeof VECTOR) => unknown)(VECTOR);
    expect(signature).toBeInstanceOf(Promise);
    expect(await signature).toBe('943c20a8e36b6243f576404b00fffdc86411ce1f');
  });

  it('webhooks sign, verify and verifyEnvelope return promises that agree', async () => {
    const webhooks = await load(`webhooks/dist/${build}/index.js`);
    const verifyOnly = await load(`webhooks/dist/${build}/verify-only.js`);
    const id = 'evt_conditions';
    const timestamp = Math.floor(Date.now() / 1000);
    const payload = JSON.stringify({
      id,
      type: 'x.unknown',
      created_at: '2026-12-01T00:00:00Z',
      data: {},
    });
    const signed = (webhooks['sign'] as (params: object) => unknown)({
      id,
      timestamp,
      payload,
      secret: SECRET,
    });
    expect(signed).toBeInstanceOf(Promise);
    const headers = {
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': (await signed) as string,
    };
    for (const verify of [
      webhooks['verify'],
      webhooks['verifyEnvelope'],
      verifyOnly['verifyEnvelope'],
    ]) {
      const verified = (verify as (params: object) => unknown)({
        payload,
        headers,
        secret: SECRET,
      });
      expect(verified).toBeInstanceOf(Promise);
      expect(await verified).toMatchObject({ id, type: 'x.unknown' });
    }
    const refused = (webhooks['verify'] as (params: object) => Promise<unknown>)({
      payload: `${payload} `,
      headers,
      secret: SECRET,
    });
    expect(refused).toBeInstanceOf(Promise);
    await expect(refused).rejects.toMatchObject({
      name: 'WebhookVerificationError',
      check: 'signature',
    });
  });
});

describe('the Node entries', () => {
  it('core/node createSignatureSync returns the string', async () => {
    const node = await load('core/dist/node/node.js');
    expect((node['createSignatureSync'] as (params: typeof VECTOR) => unknown)(VECTOR)).toBe(
      '943c20a8e36b6243f576404b00fffdc86411ce1f',
    );
  });

  it('webhooks/node signSync, verifySync and verifyEnvelopeSync return values, as the promises do', async () => {
    const node = await load('webhooks/dist/node/node.js');
    const webhooks = await load('webhooks/dist/node/index.js');
    const id = 'evt_conditions_sync';
    const timestamp = Math.floor(Date.now() / 1000);
    const payload = JSON.stringify({
      id,
      type: 'x.unknown',
      created_at: '2026-12-01T00:00:00Z',
      data: {},
    });
    const params = { id, timestamp, payload, secret: SECRET };
    const signature = (node['signSync'] as (params: object) => unknown)(params);
    expect(typeof signature).toBe('string');
    expect(signature).toBe(await (webhooks['sign'] as (params: object) => unknown)(params));
    const headers = {
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signature,
    };
    for (const name of ['verifySync', 'verifyEnvelopeSync']) {
      const verified = (node[name] as (params: object) => unknown)({
        payload,
        headers,
        secret: SECRET,
      });
      expect(verified).not.toBeInstanceOf(Promise);
      expect(verified).toMatchObject({ id, type: 'x.unknown' });
    }
  });
});
