import { afterAll, beforeAll, expect, it } from 'vitest';
import { otelHarness } from '../../../tests/support/otel.js';
import { createStatusWatcher, type ProviderEvent } from '../src/index.js';
import { startSandbox } from './support/sandbox.js';

let context: Awaited<ReturnType<typeof startSandbox>>;
const harness = otelHarness();
beforeAll(async () => {
  context = await startSandbox();
});
afterAll(async () => {
  await context.close();
  await harness.shutdown();
});

it('traces each status-watcher poll, without naming the code', async () => {
  const client = context.makeClient({ telemetry: harness.telemetry });
  const redeemCode = context.code('TC1-001-200');
  const events: ProviderEvent[] = [];
  const watcher = createStatusWatcher({
    client,
    onEvent: (event) => void events.push(event),
    redeemCodes: [{ redeemCode, attendanceSequences: [1] }],
  });
  await watcher.poll();
  const spans = harness.spans();
  const round = spans.find((span) => span.name === 'status_watcher.poll');
  expect(round?.attributes).toEqual({
    'prakerja.watcher.lag_ms': expect.any(Number),
    'prakerja.watcher.events': events.length,
  });
  // The round's status calls are traced too (one per sequence and scope asked).
  expect(spans.filter((span) => span.name.startsWith('POST ')).length).toBeGreaterThan(0);
  const everything = JSON.stringify(spans.map((span) => [span.attributes, span.events]));
  expect(everything).not.toContain(redeemCode);
  expect(everything).not.toContain(context.lp.signKey);
});
