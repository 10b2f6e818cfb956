import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSecret } from '@prakerja-kit/webhooks';
import { createTestDelivery, createTestEvent } from '@prakerja-kit/webhooks/testing';
import { afterEach, beforeEach, expect, test } from 'vitest';
import {
  createApp,
  type Ledger,
  listen,
  openLedger,
  type RunningServer,
  WEBHOOK_PATH,
} from '../src/index.js';

const secret = generateSecret();
let directory: string;
let ledgerPath: string;
let ledger: Ledger;
let server: RunningServer;

async function start(): Promise<void> {
  ledger = await openLedger(ledgerPath);
  server = await listen(createApp({ secret, ledger }));
}

async function stop(): Promise<void> {
  await server.close();
  await ledger.close();
}

async function deliver(event: { id: string } & Record<string, unknown>, withSecret = secret) {
  const { headers, body } = await createTestDelivery({ event, secret: withSecret });
  return fetch(`${server.url}${WEBHOOK_PATH}`, { method: 'POST', headers, body });
}

async function paidLines(): Promise<string[]> {
  const text = await readFile(ledgerPath, 'utf8');
  return text.split('\n').filter((line) => line.includes('"kind":"paid"'));
}

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'payment-partner-'));
  ledgerPath = join(directory, 'ledger.jsonl');
  await start();
});

afterEach(async () => {
  await stop();
  await rm(directory, { recursive: true, force: true });
});

test('pays a verified disbursement once and writes it to the ledger file', async () => {
  const event = createTestEvent('incentive.disbursement_requested');
  expect((await deliver(event)).status).toBe(204);
  expect((await deliver(event)).status).toBe(204);
  expect(await paidLines()).toHaveLength(1);
  const view = (await (await fetch(`${server.url}/ledger`)).json()) as {
    entries: { destination: { account_number: string } }[];
  };
  expect(view.entries[0]?.destination.account_number).toBe('••••0000');
});

test('rejects a delivery signed with another secret and pays nothing', async () => {
  const response = await deliver(
    createTestEvent('incentive.disbursement_requested'),
    generateSecret(),
  );
  expect(response.status).toBe(400);
  expect(((await response.json()) as { check: string }).check).toBe('signature');
  expect(ledger.entries()).toHaveLength(0);
});

test('never pays a disbursement twice, even as a new event after a restart', async () => {
  const first = createTestEvent('incentive.disbursement_requested');
  await deliver(first);
  await stop();
  await start();
  // A fresh process has an empty dedupe store: the ledger alone must refuse to pay again.
  const again = createTestEvent('incentive.disbursement_requested');
  expect((await deliver(first)).status).toBe(204);
  expect((await deliver(again)).status).toBe(204);
  expect(await paidLines()).toHaveLength(1);
});

test('pays each of many concurrent deliveries of one event exactly once', async () => {
  const event = createTestEvent('incentive.disbursement_requested');
  const statuses = await Promise.all(Array.from({ length: 10 }, () => deliver(event)));
  expect(statuses.every((response) => response.status === 204 || response.status === 409)).toBe(
    true,
  );
  expect(await paidLines()).toHaveLength(1);
});

test('does not pay a disbursement that was cancelled first', async () => {
  await deliver(createTestEvent('incentive.disbursement_cancelled'));
  await deliver(createTestEvent('incentive.disbursement_requested'));
  expect(await paidLines()).toHaveLength(0);
  expect(ledger.entries().map((entry) => entry.kind)).toEqual(['cancelled']);
});

test('cuts off a torn last line left by a crash and keeps the complete ones', async () => {
  await deliver(createTestEvent('incentive.disbursement_requested'));
  await stop();
  await writeFile(ledgerPath, `${await readFile(ledgerPath, 'utf8')}{"kind":"pa`);
  await start();
  expect(ledger.entries()).toHaveLength(1);
  expect((await readFile(ledgerPath, 'utf8')).endsWith('}\n')).toBe(true);
});
