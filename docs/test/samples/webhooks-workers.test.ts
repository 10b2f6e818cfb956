// The Workers recipe for real: bundled with esbuild, run in miniflare (workerd) as two Workers
// (two isolates) sharing one Durable Object namespace; the ledger is miniflare's outbound service.
import { fileURLToPath } from 'node:url';
import { generateSecret } from '@prakerja-kit/webhooks';
import { createTestDelivery, createTestEvent } from '@prakerja-kit/webhooks/testing';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';

const secret = generateSecret();
const ledger: string[] = [];
let mf: Miniflare;

beforeAll(async () => {
  const { outputFiles } = await build({
    entryPoints: [fileURLToPath(new URL('../../samples/webhooks-workers.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    conditions: ['@prakerja-kit/source', 'workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
    logLevel: 'silent',
  });
  const script = outputFiles[0]!.text;
  const worker = (name: string) => ({
    name,
    modules: true,
    script,
    compatibilityDate: '2025-07-01',
    bindings: { PRAKERJA_WEBHOOK_SECRET: secret, LEDGER_URL: 'https://ledger.example/voids' },
    durableObjects: { WEBHOOK_EVENTS: { className: 'WebhookEventsObject', scriptName: 'a' } },
    outboundService: async (request: { headers: { get(name: string): string | null } }) => {
      ledger.push(request.headers.get('idempotency-key') ?? '');
      return new Response(null, { status: 204 });
    },
  });
  mf = new Miniflare({ workers: [worker('a'), worker('b')] });
  await mf.ready;
}, 60_000);

afterAll(async () => {
  await mf?.dispose();
});

async function deliver(
  worker: 'a' | 'b',
  delivery: { body: string; headers: Record<string, string> },
) {
  const fetcher = (await mf.getWorker(worker)) as unknown as {
    fetch(url: string, init: RequestInit): Promise<Response>;
  };
  const response = await fetcher.fetch('http://localhost/webhooks/prakerja', {
    method: 'POST',
    headers: delivery.headers,
    body: delivery.body,
  });
  await response.arrayBuffer();
  return response.status;
}

it('tells the ledger once when the same delivery reaches two isolates; refuses a forged one', async () => {
  const event = createTestEvent('payment.voided');
  const delivery = await createTestDelivery({ event, secret });
  expect(await deliver('a', delivery)).toBe(204);
  expect(await deliver('b', delivery)).toBe(204);
  expect(ledger).toEqual([event.id]);
  // The Worker logs the refusal (workerd's console reaches this process's console.error).
  const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
  const forged = await createTestDelivery({ event, secret: generateSecret() });
  expect(await deliver('b', forged)).toBe(400);
  expect(ledger).toEqual([event.id]);
  await vi.waitFor(() =>
    expect(logged.mock.calls.flat().join(' ')).toContain('webhook delivery refused'),
  );
});
