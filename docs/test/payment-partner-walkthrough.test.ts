// The payment-partner guide's three commands, run as written (the sandbox on a free loopback port
// through PRAKERJA_SANDBOX_PORT and PRAKERJA_SANDBOX_URL, the forward URL pointed at this test's
// receiver), against the guide's own receiver: the trigger must end in exactly one payout.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { IncentiveDisbursementRequestedEvent } from '@prakerja-kit/webhooks';
import { generateSecret } from '@prakerja-kit/webhooks';
import { afterAll, expect, it } from 'vitest';
import { DOCS_DIR, ROOT } from '../../scripts/docs-sync.js';
import { createIncentiveReceiver, incentiveRoute } from '../samples/incentive-receiver.js';

const GUIDE = path.join(DOCS_DIR, 'guides', 'getting-started-payment-partner.md');
const GUIDE_RECEIVER = 'http://127.0.0.1:3000';

/** The commands of the block marked `<!-- walkthrough: payment-partner -->`. */
function walkthrough(): string[] {
  const text = readFileSync(GUIDE, 'utf8');
  const block = /<!-- walkthrough: payment-partner -->\n```sh\n([\s\S]*?)```/.exec(text)?.[1];
  if (block === undefined) throw new Error('no walkthrough block in the guide');
  return block
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

const children: ChildProcess[] = [];
const servers: Server[] = [];
afterAll(async () => {
  for (const child of children) {
    try {
      process.kill(-child.pid!, 'SIGINT');
    } catch {
      // already gone
    }
  }
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Runs a guide command through the shell, as a reader would, in its own process group. */
function shell(command: string, env: NodeJS.ProcessEnv) {
  const child = spawn('sh', ['-c', command], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0', ...env },
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const waitFor = (pattern: RegExp, ms = 60_000) =>
    new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const check = () => {
        if (pattern.test(output)) return resolve();
        if (Date.now() - started > ms || child.exitCode !== null) {
          return reject(new Error(`"${command}" never printed ${pattern}:\n${output}`));
        }
        setTimeout(check, 100);
      };
      check();
    });
  return { exited, waitFor, output: () => output };
}

it('the guide shows three commands: sandbox, listen, trigger', () => {
  const commands = walkthrough();
  expect(commands).toHaveLength(3);
  expect(commands[0]).toMatch(/^pnpm sandbox\b/);
  expect(commands[1]).toMatch(/^pnpm prakerja webhooks listen .*--forward-to /);
  expect(commands[2]).toMatch(/^pnpm prakerja webhooks trigger incentive\.disbursement_requested/);
});

it('the three commands deliver one incentive request, paid once', {
  timeout: 180_000,
}, async () => {
  const secret = generateSecret();
  const paid: IncentiveDisbursementRequestedEvent['data'][] = [];
  const route = incentiveRoute(
    createIncentiveReceiver(
      {
        pay: async (request) => {
          paid.push(request);
        },
        cancel: async () => {},
      },
      secret,
    ),
  );
  // The reader's app: the guide's receiver behind node:http.
  const app = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const answer = await route(
      new Request(`http://127.0.0.1${request.url}`, {
        method: request.method ?? 'POST',
        headers: request.headers as Record<string, string>,
        body: Buffer.concat(chunks),
      }),
    );
    response.writeHead(answer.status, Object.fromEntries(answer.headers));
    response.end(Buffer.from(await answer.arrayBuffer()));
  });
  servers.push(app);
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  const appOrigin = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;

  const port = await freePort();
  const env = {
    PRAKERJA_WEBHOOK_SECRET: secret,
    PRAKERJA_SANDBOX_PORT: String(port),
    PRAKERJA_SANDBOX_URL: `http://127.0.0.1:${port}`,
  };
  const [sandbox, listen, trigger] = walkthrough().map((command) =>
    command.replaceAll(GUIDE_RECEIVER, appOrigin),
  );

  const first = shell(sandbox!, env);
  await first.waitFor(new RegExp(`listening on http://127\\.0\\.0\\.1:${port}`));
  const second = shell(listen!, env);
  await second.waitFor(/Forwarding deliveries from the sandbox/);
  const third = shell(trigger!, env);
  expect(await third.exited, third.output()).toBe(0);
  expect(third.output()).toMatch(/204/);

  expect(paid).toHaveLength(1);
  expect(paid[0]).toMatchObject({ amount: 600_000, currency: 'IDR' });
});
