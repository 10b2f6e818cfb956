import { createInterface } from 'node:readline';
import { beforeAll, expect, it } from 'vitest';
import { ensureBuilt, runBin, spawnBin } from './helpers/built-bin.js';

beforeAll(() => ensureBuilt(['@prakerja-kit/cli', '@prakerja-kit/sandbox...']), 180_000);

it('starts the sandbox with its own flags, serves the control plane and stops on SIGTERM', async () => {
  const child = spawnBin([
    'sandbox',
    '--port',
    '0',
    '--seed',
    '7',
    '--dp-client-code',
    'dp-cli-test',
    '--json',
  ]);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const line = await new Promise<string>((resolve) =>
    createInterface({ input: child.stdout }).once('line', resolve),
  );
  const started = JSON.parse(line) as { url: string; clients: Array<{ clientCode: string }> };
  expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(started.clients.map((client) => client.clientCode)).toContain('dp-cli-test');
  const fixtures = await fetch(`${started.url}/__sandbox/fixtures`);
  expect(fixtures.status).toBe(200);
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
});

it('rejects a flag the sandbox does not know with exit code 2', async () => {
  const result = await runBin(['sandbox', '--no-such-flag']);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain('no-such-flag');
});

it("prints the sandbox's own flags for --help", async () => {
  const result = await runBin(['sandbox', '--help']);
  expect(result.code).toBe(0);
  expect(result.stdout).toContain('--seed');
});

it('runs the sandbox under the profile given by --profile, and refuses an unknown one', async () => {
  const child = spawnBin(['sandbox', '--port', '0', '--profile', 'strict-http', '--json']);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const line = await new Promise<string>((resolve) =>
    createInterface({ input: child.stdout }).once('line', resolve),
  );
  const started = JSON.parse(line) as { url: string; profile: string };
  expect(started.profile).toBe('strict-http');
  const profile = await fetch(`${started.url}/__sandbox/profile`);
  expect(await profile.json()).toMatchObject({
    base: 'strict-http',
    switches: { errorStatus: 'http' },
  });
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  const bad = await runBin(['sandbox', '--profile', 'loose']);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('--profile must be one of default, strict-http, terse, lenient');
});
