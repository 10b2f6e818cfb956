// The Redis store with Upstash's REST client (@upstash/redis). Upstash's client speaks HTTP, not
// the Redis protocol, so it cannot talk to a plain redis-server: a small loopback shim below
// implements the Upstash REST protocol (POST a JSON command array with a bearer token, answer
// `{ result }`, base64-encoding strings when the client asks with `Upstash-Encoding: base64`)
// on top of a real redis-server. The client, the store and Redis are real; only the HTTP front
// of Upstash's service is stood in for.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis as Upstash } from '@upstash/redis';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDelivery } from '../src/create-test-delivery.js';
import { createTestEvent } from '../src/create-test-event.js';
import { createWebhookReceiver } from '../src/create-webhook-receiver.js';
import { createRedisStore } from '../src/stores/create-redis-store.js';
import { runStoreConformance } from '../src/testing.js';
import { SECRET } from './fixtures.js';
import { type RedisServer, startRedisServer } from './redis-server.js';

const TOKEN = 'upstash-test-token';
let redis: RedisServer;
let backend: Redis;
let shim: Server;
let url: string;
const commands: string[] = [];

function encode(value: unknown, base64: boolean): unknown {
  if (!base64) return value;
  if (typeof value === 'string') return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map((item) => encode(item, base64));
  return value;
}

beforeAll(async () => {
  redis = await startRedisServer();
  backend = new Redis(redis.port, '127.0.0.1');
  shim = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    if (request.headers.authorization !== `Bearer ${TOKEN}`) {
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: 'Unauthorized' }));
      return;
    }
    const base64 = request.headers['upstash-encoding'] === 'base64';
    const run = async ([name, ...args]: unknown[]) => {
      commands.push(String(name).toLowerCase());
      try {
        return { result: encode(await backend.call(String(name), ...args.map(String)), base64) };
      } catch (error) {
        return { error: (error as Error).message };
      }
    };
    const body = JSON.parse(Buffer.concat(chunks).toString()) as unknown[];
    // `/pipeline` (the client batches commands by default): an array of commands, answered
    // in order; `/`: one command.
    const answer = request.url?.startsWith('/pipeline')
      ? await Promise.all((body as unknown[][]).map(run))
      : await run(body);
    const failed = !Array.isArray(answer) && 'error' in answer;
    response.writeHead(failed ? 400 : 200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => shim.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(shim.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => shim?.close(resolve));
  backend?.disconnect();
  await redis?.stop();
});

const upstash = () => new Upstash({ url, token: TOKEN, enableTelemetry: false });

runStoreConformance(
  'Redis store with the Upstash REST client',
  () => createRedisStore({ client: upstash(), prefix: `upstash:${crypto.randomUUID()}:` }),
  { describe, it },
);

it('catches the duplicate across two receivers built per request, each with its own client', async () => {
  const handler = vi.fn();
  const event = createTestEvent('payment.voided');
  const prefix = `upstash:${crypto.randomUUID()}:`;
  // As on Workers: a new receiver (and client) for every request, nothing shared in memory.
  const receive = async () =>
    createWebhookReceiver({
      secret: SECRET,
      store: createRedisStore({ client: upstash(), prefix }),
    })
      .on('payment.voided', handler)
      .receiveRequest((await createTestDelivery({ event, secret: SECRET })).request);
  expect((await receive()).status).toBe(204);
  expect((await receive()).status).toBe(204);
  expect(handler).toHaveBeenCalledTimes(1);
  expect(await backend.get(`${prefix}${event.id}`)).toMatch(/^processed:lease:/);
  expect(commands).toContain('eval');
});
