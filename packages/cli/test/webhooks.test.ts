import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { createSignature, ProgramPath } from '@prakerja-kit/core';
import { createSandbox, type Sandbox, type SandboxServer } from '@prakerja-kit/sandbox';
import { verifyEnvelopeSync } from '@prakerja-kit/webhooks/node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureBuilt, runBin, spawnBin } from './helpers/built-bin.js';
import { startReceiver } from './helpers/receiver.js';

const LOCAL_SECRET = `whsec_${Buffer.from('prakerja-cli test local secret!!').toString('base64')}`;

let sandbox: Sandbox;
let server: SandboxServer;
let app: Awaited<ReturnType<typeof startReceiver>>;
let listener: ChildProcessWithoutNullStreams;
let ready: { endpointId: string; listenUrl: string };

function firstJsonLine(child: ChildProcessWithoutNullStreams): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => resolve(JSON.parse(line)));
    child.once('exit', (code) => reject(new Error(`listener exited with ${code}`)));
  });
}

/** Buys a course like a DP would (send-otp, OTP from the inbox, authorize). */
async function purchase(invoiceCode: string): Promise<void> {
  const { platforms, participants, courses, schedules } = sandbox.fixtures;
  const client = platforms[0]!;
  const participant = participants[0]!;
  const course = courses[0]!;
  const call = async (path: string, body: unknown, authorization?: string) => {
    const text = JSON.stringify(body);
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = await createSignature({
      clientCode: client.clientCode,
      signKey: client.signKey,
      timestamp,
      method: 'POST',
      path,
      body: text,
    });
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        client_code: client.clientCode,
        timestamp: String(timestamp),
        signature,
        ...(authorization ? { authorization } : {}),
      },
      body: text,
    });
    const json = (await response.json()) as { data?: { payment_token?: string } };
    if (!response.ok) throw new Error(`${path}: ${JSON.stringify(json)}`);
    return json;
  };
  const otp = await call(ProgramPath.SEND_OTP, {
    prakerja_id: participant.prakerjaId,
    user_platform_id: 'user-1',
    course_code: course.courseCode,
    schedule_code: schedules.find((each) => each.courseCode === course.courseCode)!.scheduleCode,
    amount: course.price,
  });
  await call(
    ProgramPath.AUTHORIZE,
    {
      otp: sandbox.control.sms.latestOtp(participant.prakerjaId),
      invoice_url: `https://dp.example/invoice/${invoiceCode}`,
      invoice_code: invoiceCode,
    },
    `Payment ${otp.data!.payment_token}`,
  );
}

beforeAll(async () => {
  await ensureBuilt();
  sandbox = createSandbox({ seed: 7 });
  server = await sandbox.listen({ port: 0 });
  app = await startReceiver();
  listener = spawnBin(
    ['webhooks', 'listen', '--forward-to', app.url, '--sandbox', server.url, '--json'],
    { PRAKERJA_WEBHOOK_SECRET: LOCAL_SECRET },
  );
  ready = (await firstJsonLine(listener)) as typeof ready;
}, 120_000);

afterAll(async () => {
  if (listener.exitCode === null) listener.kill('SIGKILL');
  await app?.close();
  await sandbox?.close();
});

it('forwards a real sandbox delivery to the app, re-signed with the local secret', async () => {
  expect(ready).toMatchObject({ event: 'ready', forwardTo: app.url });
  expect(ready).not.toHaveProperty('secret');
  await purchase('INV-CLI-1');
  const [delivery] = await app.waitFor(1);
  const event = verifyEnvelopeSync({
    payload: delivery!.body,
    headers: delivery!.headers,
    secret: LOCAL_SECRET,
  });
  expect(event).toMatchObject({ type: 'payment.authorized', data: { invoice_code: 'INV-CLI-1' } });
  const endpoint = sandbox.control.webhooks.list().find((each) => each.id === ready.endpointId)!;
  expect(() =>
    verifyEnvelopeSync({
      payload: delivery!.body,
      headers: delivery!.headers,
      secret: endpoint.secret,
    }),
  ).toThrow();
});

it('replays a delivery from the sandbox log with the same event id', async () => {
  const [first] = await app.waitFor(1);
  const delivery = sandbox.control.deliveries.list({ endpointId: ready.endpointId })[0]!;
  const result = await runBin([
    'webhooks',
    'replay',
    delivery.id,
    '--sandbox',
    server.url,
    '--json',
  ]);
  expect(result.code).toBe(0);
  expect(JSON.parse(result.stdout)).toMatchObject({
    ok: true,
    deliveries: [{ id: delivery.id, status: 'succeeded' }],
  });
  const received = await app.waitFor(2);
  expect(received[1]!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
});

it('replays by event id, and exits 2 for an unknown delivery', async () => {
  const delivery = sandbox.control.deliveries.list({ endpointId: ready.endpointId })[0]!;
  const result = await runBin(['webhooks', 'replay', delivery.eventId, '--sandbox', server.url]);
  expect(result.code).toBe(0);
  expect(result.stdout).toContain(delivery.eventId);
  const unknown = await runBin(['webhooks', 'replay', 'dlv_UNKNOWN', '--sandbox', server.url]);
  expect(unknown.code).toBe(2);
});

it('triggers a test event to every endpoint registered with the sandbox', async () => {
  const before = app.received.length;
  const result = await runBin([
    'webhooks',
    'trigger',
    'attendance.verified',
    '--sandbox',
    server.url,
    '--json',
  ]);
  expect(result.code).toBe(0);
  const received = await app.waitFor(before + 1);
  const event = verifyEnvelopeSync({
    payload: received.at(-1)!.body,
    headers: received.at(-1)!.headers,
    secret: LOCAL_SECRET,
  });
  expect(event.type).toBe('attendance.verified');
});

it('stops on SIGINT and unregisters its endpoint', async () => {
  const exited = new Promise<number | null>((resolve) => listener.once('exit', resolve));
  listener.kill('SIGINT');
  expect(await exited).toBe(0);
  expect(sandbox.control.webhooks.list().map((each) => each.id)).not.toContain(ready.endpointId);
});

it('triggers a signed delivery straight to a URL, with exit codes for each outcome', async () => {
  const failing = await startReceiver(500);
  try {
    const env = { PRAKERJA_WEBHOOK_SECRET: LOCAL_SECRET };
    const ok = await runBin(
      [
        'webhooks',
        'trigger',
        'payment.voided',
        '--to',
        app.url,
        '--data',
        '{"invoice_code":"INV-X"}',
      ],
      { env },
    );
    expect(ok.code).toBe(0);
    const last = app.received.at(-1)!;
    expect(
      verifyEnvelopeSync({ payload: last.body, headers: last.headers, secret: LOCAL_SECRET }),
    ).toMatchObject({
      type: 'payment.voided',
      data: { invoice_code: 'INV-X' },
    });
    expect(
      (await runBin(['webhooks', 'trigger', 'payment.voided', '--to', failing.url], { env })).code,
    ).toBe(1);
    expect((await runBin(['webhooks', 'trigger', 'payment.voided', '--to', app.url])).code).toBe(3);
    expect(
      (
        await runBin(['webhooks', 'trigger', 'payment.voided', '--to', 'http://127.0.0.1:1/x'], {
          env,
        })
      ).code,
    ).toBe(4);
    expect(
      (await runBin(['webhooks', 'trigger', 'no.such.event', '--to', app.url], { env })).code,
    ).toBe(2);
  } finally {
    await failing.close();
  }
});
