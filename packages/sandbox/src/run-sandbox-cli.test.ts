import { expect, it } from 'vitest';
import { parseSandboxArgs, runSandboxCli, SANDBOX_CLI_USAGE } from './run-sandbox-cli.js';

it('reads flags first, then PRAKERJA_SANDBOX_* variables, then defaults', () => {
  const options = parseSandboxArgs(
    ['--port', '0', '--seed', '7', '--dp-sign-key', 'sk_sandbox_fake_flag'],
    {
      PRAKERJA_SANDBOX_SEED: '9',
      PRAKERJA_SANDBOX_DP_CLIENT_CODE: 'dp-from-env',
      PRAKERJA_SANDBOX_STATE_FILE: '/tmp/state.json',
    },
  );
  expect(options.port).toBe(0);
  expect(options.host).toBe('127.0.0.1');
  expect(options.sandbox).toMatchObject({
    seed: 7,
    stateFile: '/tmp/state.json',
    platform: { clientCode: 'dp-from-env', signKey: 'sk_sandbox_fake_flag' },
  });
  expect(parseSandboxArgs([]).port).toBe(4010);
});

it('rejects bad flags with a message naming them', () => {
  expect(() => parseSandboxArgs(['--port', 'abc'])).toThrow('--port must be an integer');
  expect(() => parseSandboxArgs(['--port', '70000'])).toThrow('--port must be between');
  expect(() => parseSandboxArgs(['--start-at', 'soon'])).toThrow('--start-at');
  expect(() => parseSandboxArgs(['--nope'])).toThrow(/nope/);
});

it('prints the base URL, credentials and fixtures address on start', async () => {
  const out: string[] = [];
  const io = { stdout: (text: string) => out.push(text), stderr: (text: string) => out.push(text) };
  const started = await runSandboxCli(['--port', '0', '--lp-client-code', 'lp-custom'], {}, io);
  if (typeof started === 'number') throw new Error('expected a running sandbox');
  try {
    const banner = out.join('');
    expect(banner).toContain(`base URL (integration and SSO): ${started.server.url}`);
    expect(banner).toContain(`${started.server.url}/__sandbox/fixtures`);
    expect(banner).toContain(
      `LP lp-custom  sign_key ${started.sandbox.fixtures.providers[0]?.signKey}`,
    );
    expect(banner).toMatch(/DP dp-sandbox-01 {2}sign_key sk_sandbox_fake_/);
    const fixtures = await fetch(`${started.server.url}/__sandbox/fixtures`);
    expect((await fixtures.json()).providers[0].clientCode).toBe('lp-custom');
  } finally {
    await started.close();
  }
});

it('exits 0 with usage for --help and 2 with usage for a bad flag', async () => {
  const out: string[] = [];
  const io = {
    stdout: (text: string) => out.push(text),
    stderr: (text: string) => out.push(`ERR ${text}`),
  };
  expect(await runSandboxCli(['--help'], {}, io)).toBe(0);
  expect(out[0]).toBe(SANDBOX_CLI_USAGE);
  expect(await runSandboxCli(['--seed', 'x'], {}, io)).toBe(2);
  expect(out[1]).toMatch(/^ERR --seed must be an integer/);
});

it('takes --profile (or PRAKERJA_SANDBOX_PROFILE), shows it in the banner and refuses unknown ones', async () => {
  expect(parseSandboxArgs(['--profile', 'terse']).sandbox.profile).toBe('terse');
  expect(parseSandboxArgs([], { PRAKERJA_SANDBOX_PROFILE: 'lenient' }).sandbox.profile).toBe(
    'lenient',
  );
  expect(parseSandboxArgs([]).sandbox.profile).toBeUndefined();
  expect(() => parseSandboxArgs(['--profile', 'loose'])).toThrow(
    '--profile must be one of default, strict-http, terse, lenient, got "loose"',
  );
  expect(SANDBOX_CLI_USAGE).toContain('--profile <name>');
  const out: string[] = [];
  const io = { stdout: (text: string) => out.push(text), stderr: (text: string) => out.push(text) };
  const started = await runSandboxCli(['--port', '0', '--profile', 'strict-http'], {}, io);
  if (typeof started === 'number') throw new Error('expected a running sandbox');
  try {
    expect(out.join('')).toContain(
      `profile:       strict-http (${started.server.url}/__sandbox/profile)`,
    );
    const profile = await fetch(`${started.server.url}/__sandbox/profile`);
    expect((await profile.json()).switches.errorStatus).toBe('http');
    expect(started.sandbox.control.state.export().profile.base).toBe('strict-http');
  } finally {
    await started.close();
  }
  const bad: string[] = [];
  const badIo = {
    stdout: (text: string) => bad.push(text),
    stderr: (text: string) => bad.push(text),
  };
  expect(await runSandboxCli(['--profile', 'nope'], {}, badIo)).toBe(2);
  expect(bad.join('')).toContain('--profile must be one of');
});
