import { expect, test } from 'vitest';
import { runDemo } from '../src/index.js';

test('runs the whole journey against the sandbox and ends consistent', async () => {
  const lines: string[] = [];
  const result = await runDemo({ write: (line) => lines.push(line) });
  expect(result.checks.filter((check) => !check.ok)).toEqual([]);
  expect(result.consistent).toBe(true);
  expect(result.faults).toEqual([]);
  expect(result.rows.map((row) => row.step)).toEqual([
    'Catalogue with live seats',
    'Purchase with OTP',
    'Redeem and attend sequences 1, 2, 3',
    'Post-test',
    'TPM and UK submitted and graded',
    'Completion',
    'Incentive delivered to the payment partner',
    'A second purchase, voided',
  ]);
  expect(lines).toContain('All consistent.');
  // Redeem codes and phone numbers are masked in the output.
  expect(lines.join('\n')).not.toMatch(/08120000\d{4}/);
});

test('runs the same journey under injected faults, absorbs each one and ends consistent', async () => {
  const lines: string[] = [];
  const result = await runDemo({ faults: true, write: (line) => lines.push(line) });
  expect(result.checks.filter((check) => !check.ok)).toEqual([]);
  expect(result.faults.length).toBeGreaterThanOrEqual(8);
  for (const fault of result.faults) expect(fault.hits, fault.name).toBeGreaterThan(0);
  const byName = new Map(result.faults.map((fault) => [fault.name, fault.absorbed]));
  expect(byName.get('drop after commit on authorize')).toMatch(/payment\/status/);
  expect(byName.get('503 on quota-schedule')).toMatch(/1 retry/);
  // Committed after the client gave up: followed to purchased by the watcher, charged once.
  expect(byName.get('late commit on authorize')).toMatch(/watcher saw the late commit/);
  expect(result.checks.find((check) => check.name.includes('reported as not bought'))?.ok).toBe(
    true,
  );
  expect(result.consistent).toBe(true);
  expect(lines).toContain('Faults injected and how each was absorbed');
}, 60_000);

test('the same seed gives the same codes and the same run', async () => {
  const first = await runDemo({ seed: 7 });
  const second = await runDemo({ seed: 7 });
  expect(second.rows.map((row) => row.result)).toEqual(first.rows.map((row) => row.result));
});

test('`pnpm start -- --faults` accepts the literal `--` and exits 0 with the summary', async () => {
  const { execFile } = await import('node:child_process');
  const { promisify } = await import('node:util');
  const { stdout } = await promisify(execFile)('pnpm', ['start', '--', '--faults'], {
    cwd: new URL('..', import.meta.url),
    env: { ...process.env, NO_COLOR: '1' },
  });
  expect(stdout).toContain('Faults injected and how each was absorbed');
  expect(stdout).toContain('All consistent.');
}, 60_000);
