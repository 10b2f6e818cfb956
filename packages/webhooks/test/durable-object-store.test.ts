// The Durable Object store for real: bundled with esbuild and run in miniflare (workerd), in two
// Workers (two isolates) bound to the same Durable Object namespace.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDelivery } from '../src/create-test-delivery.js';
import { createTestEvent } from '../src/create-test-event.js';
import {
  createDurableObjectStore,
  type DurableObjectNamespaceLike,
} from '../src/stores/create-durable-object-store.js';
import { runStoreConformance } from '../src/testing.js';
import { SECRET } from './fixtures.js';

let mf: Miniflare;
let namespace: DurableObjectNamespaceLike;

async function bundle(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./edge/worker.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    conditions: ['@prakerja-kit/source', 'workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

beforeAll(async () => {
  const script = await bundle();
  const worker = (name: string) => ({
    name,
    modules: true,
    script,
    compatibilityDate: '2025-07-01',
    bindings: { PRAKERJA_WEBHOOK_SECRET: SECRET, WORKER_NAME: name },
    kvNamespaces: { RUNS: 'runs' },
    // Both Workers bind the class defined in worker "a": one namespace, two isolates.
    durableObjects: { WEBHOOK_EVENTS: { className: 'WebhookEventsObject', scriptName: 'a' } },
  });
  mf = new Miniflare({ workers: [worker('a'), worker('b')] });
  await mf.ready;
  namespace = (await mf.getDurableObjectNamespace(
    'WEBHOOK_EVENTS',
    'a',
  )) as unknown as DurableObjectNamespaceLike;
}, 60_000);

afterAll(async () => {
  await mf?.dispose();
});

// The store under the contract, its objects running in workerd (driven from Node).
runStoreConformance(
  'Durable Object store (miniflare)',
  () => createDurableObjectStore({ namespace, prefix: `conformance:${crypto.randomUUID()}:` }),
  { describe, it },
);

async function deliver(
  worker: 'a' | 'b',
  body: string,
  headers: Record<string, string>,
  query = '',
) {
  const fetcher = (await mf.getWorker(worker)) as unknown as {
    fetch(url: string, init: RequestInit): Promise<Response>;
  };
  const response = await fetcher.fetch(`http://localhost/webhooks/prakerja${query}`, {
    method: 'POST',
    headers,
    body,
  });
  await response.arrayBuffer();
  return response;
}

async function runs(eventId: string): Promise<string[]> {
  const kv = (await mf.getKVNamespace('RUNS', 'a')) as unknown as {
    list(options: { prefix: string }): Promise<{ keys: Array<{ name: string }> }>;
    get(key: string): Promise<string | null>;
  };
  const { keys } = await kv.list({ prefix: `${eventId}:` });
  return Promise.all(keys.map(async ({ name }) => (await kv.get(name)) ?? ''));
}

describe('a Worker that builds its receiver per request', () => {
  it('catches the duplicate delivered to another isolate: the handler runs once', async () => {
    const event = createTestEvent('payment.voided');
    const { body, headers } = await createTestDelivery({ event, secret: SECRET });
    expect((await deliver('a', body, headers)).status).toBe(204);
    expect((await deliver('b', body, headers)).status).toBe(204);
    expect((await deliver('a', body, headers)).status).toBe(204);
    expect(await runs(event.id)).toEqual(['a']);
  });

  it('answers 409 with Retry-After to a duplicate arriving in another isolate mid-processing', async () => {
    const event = createTestEvent('payment.voided');
    const { body, headers } = await createTestDelivery({ event, secret: SECRET });
    const first = deliver('a', body, headers, '?slow');
    for (let attempt = 0; attempt < 50 && (await runs(event.id)).length === 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const during = await deliver('b', body, headers);
    expect(during.status).toBe(409);
    expect(during.headers.get('retry-after')).toBe('60');
    expect((await first).status).toBe(204);
    expect((await deliver('b', body, headers)).status).toBe(204);
    expect(await runs(event.id)).toEqual(['a']);
  });

  it('refuses a forged delivery with 400', async () => {
    const event = createTestEvent('payment.voided');
    const forged = await createTestDelivery({
      event,
      secret: 'whsec_Zm9yZ2VkIGZvcmdlZCBmb3JnZWQgZm9yZ2Vk',
    });
    expect((await deliver('b', forged.body, forged.headers)).status).toBe(400);
    expect(await runs(event.id)).toEqual([]);
  });
});
