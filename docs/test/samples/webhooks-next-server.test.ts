// The Next.js recipe on a real Next server (issue 21): `next dev` (Next 16, Turbopack) on
// 127.0.0.1, serving a minimal App Router app generated into docs/.tmp (gitignored, so the app
// resolves next, react and @prakerja-kit/webhooks from docs/node_modules). Its route
// `app/api/webhooks/prakerja/route.js` is `export const { POST } = webhookRoute(receiver)` with
// webhookRoute from docs/samples/webhooks-next-route.ts, and `@prakerja-kit/webhooks` resolves to
// the BUILT package (dist through the package exports, as partners import it; Next has no
// `@prakerja-kit/source` condition): the dist is rebuilt first when missing or stale. The handler
// appends each run to a file the test reads, and waits while a gate file exists (bounded), so a
// delivery can arrive mid-processing. Measured on the shared 2-core machine: Turbopack answered
// its first request ~2 s after spawn, `next dev --webpack` ~6.8 s, so Turbopack it is; the whole
// file takes ~4.5 s with dist built, ~47 s when core and webhooks are built first. Telemetry
// is off (NEXT_TELEMETRY_DISABLED), and nothing opens the dev HMR socket, whose first client is
// what makes `next dev` ask the npm registry for its latest version.
import { type ChildProcess, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSecret } from '@prakerja-kit/webhooks';
import { createTestDelivery, createTestEvent } from '@prakerja-kit/webhooks/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebhooksBuilt } from '../../../tests/support/built-packages.js';

const docs = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const sample = join(docs, 'samples/webhooks-next-route.ts');
const nextBin = join(docs, 'node_modules/next/dist/bin/next');
const READY_WITHIN_MS = 60_000;

const RECEIVER = `import { appendFileSync, existsSync } from 'node:fs';
import { createWebhookReceiver } from '@prakerja-kit/webhooks';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Built once per server process (both routes share it), as an app builds it at module scope.
export function receiver() {
  globalThis.__prakerjaReceiver ??= createWebhookReceiver({
    secret: process.env.PRAKERJA_WEBHOOK_SECRET,
    logger: { warn: () => {}, error: () => {} },
    leaseMs: 30_000,
  }).on('payment.voided', async (event) => {
    appendFileSync(process.env.PRAKERJA_RUNS_FILE, event.id + '\\n');
    const until = Date.now() + 20_000;
    while (existsSync(process.env.PRAKERJA_GATE_FILE) && Date.now() < until) await sleep(20);
  });
  return globalThis.__prakerjaReceiver;
}
`;

function routeImporting(routeDir: string, target: string): string {
  const path = relative(routeDir, target).replaceAll('\\', '/');
  return path.startsWith('.') ? path : `./${path}`;
}

function writeApp(app: string): void {
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(app, path)), { recursive: true });
    writeFileSync(join(app, path), text);
  };
  write('package.json', '{ "private": true }\n');
  write('receiver.js', RECEIVER);
  write(
    'app/layout.js',
    'export default function RootLayout({ children }) {\n  return children;\n}\n',
  );
  const route = join(app, 'app/api/webhooks/prakerja');
  write(
    'app/api/webhooks/prakerja/route.js',
    `import { webhookRoute } from '${routeImporting(route, sample.replace(/\.ts$/, ''))}';\n` +
      `import { receiver } from '${routeImporting(route, join(app, 'receiver.js'))}';\n\n` +
      'export const { POST } = webhookRoute(receiver());\n',
  );
  // The trap: reading request.json() (to log or route) before handing the request over.
  const consumed = join(app, 'app/api/webhooks/consumed');
  write(
    'app/api/webhooks/consumed/route.js',
    `import { receiver } from '${routeImporting(consumed, join(app, 'receiver.js'))}';\n\n` +
      'export async function POST(request) {\n' +
      '  await request.json();\n' +
      '  return receiver().receiveRequest(request);\n' +
      '}\n',
  );
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

const secret = generateSecret();
let app: string;
let url: string;
let child: ChildProcess | undefined;
let log = '';

const runsFile = () => join(app, 'runs.log');
const gateFile = () => join(app, 'gate');
const runs = () =>
  existsSync(runsFile()) ? readFileSync(runsFile(), 'utf8').split('\n').filter(Boolean) : [];

async function post(path: string, delivery: { body: string; headers: Record<string, string> }) {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: delivery.headers,
    body: delivery.body,
    signal: AbortSignal.timeout(30_000),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** Waits (bounded) until the route answers: the first request also compiles it. */
async function ready(): Promise<void> {
  const deadline = Date.now() + READY_WITHIN_MS;
  let exited: number | null = child?.exitCode ?? null;
  child?.once('exit', (code) => {
    exited = code ?? -1;
  });
  while (Date.now() < deadline) {
    if (exited !== null) throw new Error(`next dev exited (${exited}):\n${log}`);
    try {
      const response = await fetch(`${url}/api/webhooks/prakerja`, {
        method: 'POST',
        body: '{}',
        signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())),
      });
      // An unsigned delivery: the route's own 400 (headers), not Next's 404/500.
      if (response.status === 400) return;
      throw new Error(`next dev answered ${response.status}: ${await response.text()}\n${log}`);
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('next dev answered')) throw error;
      await new Promise((done) => setTimeout(done, 200));
    }
  }
  throw new Error(`next dev did not answer within ${READY_WITHIN_MS} ms:\n${log}`);
}

async function stop(): Promise<void> {
  const running = child;
  if (!running?.pid || running.exitCode !== null || running.signalCode !== null) return;
  const exited = new Promise<void>((done) => running.once('exit', () => done()));
  const kill = (signal: NodeJS.Signals) => {
    try {
      process.kill(-(running.pid as number), signal); // the whole group: next and its workers
    } catch {
      // already gone
    }
  };
  kill('SIGTERM');
  const timer = setTimeout(() => kill('SIGKILL'), 5_000);
  await Promise.race([exited, new Promise((done) => setTimeout(done, 10_000))]);
  clearTimeout(timer);
}

describe('Next.js recipe (real next dev server on loopback, built package)', () => {
  beforeAll(async () => {
    await ensureWebhooksBuilt();
    mkdirSync(join(docs, '.tmp'), { recursive: true });
    app = mkdtempSync(join(docs, '.tmp/next-app-'));
    writeApp(app);
    url = `http://127.0.0.1:${await freePort()}`;
    child = spawn(
      process.execPath,
      [nextBin, 'dev', '--turbopack', '-H', '127.0.0.1', '-p', new URL(url).port],
      {
        cwd: app,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          NODE_ENV: 'development',
          NEXT_TELEMETRY_DISABLED: '1',
          PRAKERJA_WEBHOOK_SECRET: secret,
          PRAKERJA_RUNS_FILE: runsFile(),
          PRAKERJA_GATE_FILE: gateFile(),
        },
      },
    );
    const collect = (chunk: Buffer) => {
      log = `${log}${chunk}`.slice(-4_000);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    await ready();
  }, 300_000);

  afterAll(async () => {
    await stop();
    if (app) rmSync(app, { recursive: true, force: true });
  }, 20_000);

  it('serves the route with the built package, not the workspace sources', () => {
    // Turbopack names each bundled module by its project path in the server chunks.
    const server = join(app, '.next/dev/server');
    const chunks = readdirSync(server, { recursive: true, encoding: 'utf8' })
      .filter((path) => path.endsWith('.js'))
      .map((path) => readFileSync(join(server, path), 'utf8'))
      .join('\n');
    expect(chunks).toContain('packages/webhooks/dist/node/index.js');
    expect(chunks).not.toContain('packages/webhooks/src/');
  });

  it('answers a valid delivery 204 once, its duplicate 204 without a second run, a forged one 400', async () => {
    const event = createTestEvent('payment.voided');
    const first = await post('/api/webhooks/prakerja', await createTestDelivery({ event, secret }));
    const again = await post('/api/webhooks/prakerja', await createTestDelivery({ event, secret }));
    expect([first.status, again.status]).toEqual([204, 204]);
    expect(runs()).toEqual([event.id]);
    const forged = await post(
      '/api/webhooks/prakerja',
      await createTestDelivery({ event, secret: generateSecret() }),
    );
    expect(forged.status).toBe(400);
    expect(JSON.parse(forged.text)).toMatchObject({ check: 'signature' });
    expect(runs()).toEqual([event.id]);
  }, 30_000);

  it('answers a delivery arriving mid-processing 409 with Retry-After, then 204 once done', async () => {
    const before = runs();
    const event = createTestEvent('payment.voided');
    writeFileSync(gateFile(), '');
    try {
      const first = post('/api/webhooks/prakerja', await createTestDelivery({ event, secret }));
      await expect.poll(() => runs(), { timeout: 10_000 }).toEqual([...before, event.id]);
      const during = await post(
        '/api/webhooks/prakerja',
        await createTestDelivery({ event, secret }),
      );
      expect(during.status).toBe(409);
      expect(during.headers.get('retry-after')).toBe('30');
      rmSync(gateFile());
      expect((await first).status).toBe(204);
    } finally {
      rmSync(gateFile(), { force: true });
    }
    const after = await post('/api/webhooks/prakerja', await createTestDelivery({ event, secret }));
    expect(after.status).toBe(204);
    expect(runs()).toEqual([...before, event.id]);
  }, 30_000);

  it('answers 400 naming the fix when the route read request.json() first', async () => {
    const before = runs();
    const event = createTestEvent('payment.voided');
    const answer = await post(
      '/api/webhooks/consumed',
      await createTestDelivery({ event, secret }),
    );
    expect(answer.status).toBe(400);
    const { error, check } = JSON.parse(answer.text) as { error: string; check: string };
    expect(check).toBe('payload');
    expect(error).toContain('Next.js: await request.text() or receiver.receiveRequest(request)');
    expect(runs()).toEqual(before);
  }, 30_000);
});
