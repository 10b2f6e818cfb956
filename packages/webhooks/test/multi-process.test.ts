import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDelivery } from '../src/create-test-delivery.js';
import { createTestEvent } from '../src/create-test-event.js';
import { SECRET } from './fixtures.js';
import { type PostgresServer, startPostgresServer } from './postgres-server.js';
import { type RedisServer, startRedisServer } from './redis-server.js';

const tsx = createRequire(import.meta.url).resolve('tsx');
const worker = fileURLToPath(new URL('./worker.ts', import.meta.url));
const packageDir = fileURLToPath(new URL('..', import.meta.url));
let redis: RedisServer;
let postgres: PostgresServer;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'prakerja-webhooks-'));
  [redis, postgres] = await Promise.all([startRedisServer(), startPostgresServer()]);
});

afterAll(async () => {
  await Promise.all([redis?.stop(), postgres?.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

/**
 * 50 events, each delivered 10 times, shuffled over 8 processes sharing a store; one process
 * is SIGKILLed inside a handler, whose event another process handles once its lease expires.
 */
async function run(kind: 'redis' | 'postgres', url: string): Promise<void> {
  const events = Array.from({ length: 50 }, () => createTestEvent('payment.authorized'));
  const file = join(dir, `${kind}-deliveries.json`);
  const log = join(dir, `${kind}-handled.log`);
  writeFileSync(log, '');
  const deliveries = await Promise.all(
    events.map(async (event) => {
      const { body, headers } = await createTestDelivery({ event, secret: SECRET });
      return { body, headers };
    }),
  );
  const order = Array.from({ length: 10 }, () => events.map((_, index) => index))
    .flat()
    .sort(() => Math.random() - 0.5);
  writeFileSync(file, JSON.stringify({ deliveries, order }));
  let stuck = '';
  let others: Array<Promise<string | number | null>> = [];
  const start = (index: number, onLine: (line: string) => void) => {
    const child = spawn(
      process.execPath,
      ['--import', tsx, '--conditions=@prakerja-kit/source', worker, kind, url, file, log],
      {
        cwd: packageDir,
        env: {
          ...process.env,
          SECRET,
          VICTIM: index === 0 ? '1' : '0',
          INDEX: String(index),
          PREFIX: `mp:${kind}:`,
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const timer = setTimeout(() => child.kill('SIGKILL'), 50_000);
    child.stdout.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) onLine(line);
    });
    const exit = new Promise<string | number | null>((resolve) =>
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        resolve(signal ?? code);
      }),
    );
    return { child, exit };
  };
  // The victim starts first and hangs in its first handler, holding that event's lease; the
  // others start then, and the victim is killed as soon as one of them runs.
  const victim = start(0, (line) => {
    if (!line.startsWith('stuck ')) return;
    stuck = line.slice(6);
    others = Array.from(
      { length: 7 },
      (_, index) =>
        start(index + 1, (line) => {
          if (line === 'running') victim.child.kill('SIGKILL');
        }).exit,
    );
  });
  const exits = [victim.exit];
  await victim.exit;
  exits.push(...others);
  const results = await Promise.all(exits);
  expect(results).toEqual(['SIGKILL', 0, 0, 0, 0, 0, 0, 0]);
  expect(stuck).not.toBe('');
  const handled = readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split(' ')[0]);
  expect(handled.sort()).toEqual(events.map((event) => event.id).sort());
  expect(handled).toContain(stuck);
}

it('8 processes sharing Redis, one SIGKILLed mid-handler: each of 50 events handled once', async () => {
  await run('redis', `redis://127.0.0.1:${redis.port}`);
}, 60_000);

it('8 processes sharing PostgreSQL, one SIGKILLed mid-handler: each of 50 events handled once', async () => {
  await run('postgres', postgres.url);
}, 60_000);
