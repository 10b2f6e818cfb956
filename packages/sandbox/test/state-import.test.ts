import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProgramPath } from '@prakerja-kit/core';
import { expect, it } from 'vitest';
import type { SandboxState } from '../src/index.js';
import { createSandbox, runSandboxCli, SandboxControlError } from '../src/index.js';
import { useSandbox } from '../src/vitest.js';
import { call, codeOf, control, startReceiver } from './helpers.js';
import { pick, purchase } from './purchase.js';

const env = useSandbox({ clock: { startAt: '2026-11-24T07:00:00.000Z' } });

/** The exported state, changed by `edit`. */
async function exported(edit: (state: SandboxState) => void = () => {}): Promise<SandboxState> {
  const state = (await control(env.url, 'GET', '/state')).body as SandboxState;
  edit(state);
  return state;
}

/** A state with a purchase, so every record map has an entry to break. */
async function purchased() {
  const bought = await purchase(env.sandbox, env.url, { invoiceCode: 'INV-STATE-1' });
  const state = await exported();
  return { ...bought, state };
}

it('refuses malformed entries with a 400 naming the path, and keeps the state it had', async () => {
  const { transactionCode, redeemCode, state } = await purchased();
  const f = pick(env.fixtures);
  const cases: [string, (state: SandboxState) => void, string][] = [
    [
      'a null transaction under an empty key',
      (s) => {
        (s.transactions as Record<string, unknown>)[''] = null;
      },
      'state.transactions[""]: expected object, received null',
    ],
    [
      'an amount given as a string',
      (s) => {
        (s.transactions[transactionCode] as unknown as Record<string, unknown>)['amount'] = '1';
      },
      `state.transactions.${transactionCode}.amount: expected number, received string`,
    ],
    [
      'a schedule without startAt',
      (s) => {
        delete (s.fixtures.schedules[0] as Partial<SandboxState['fixtures']['schedules'][0]>)
          .startAt;
      },
      'state.fixtures.schedules[0].startAt: missing, expected string',
    ],
    [
      'a schedule whose startAt is not a date',
      (s) => {
        s.fixtures.schedules[1]!.startAt = 'soon';
      },
      'state.fixtures.schedules[1].startAt: expected an ISO-8601 date',
    ],
    [
      'an attendance given as a string',
      (s) => {
        (s.redeemCodes[redeemCode] as unknown as Record<string, unknown>)['attendance'] = 'yes';
      },
      `state.redeemCodes.${redeemCode}.attendance: expected object, received string`,
    ],
    [
      'an unknown transaction status',
      (s) => {
        (s.transactions[transactionCode] as unknown as Record<string, unknown>)['status'] = 'OK';
      },
      `state.transactions.${transactionCode}.status: expected "SUCCESS" or "VOID"`,
    ],
    [
      'a transaction stored under another code',
      (s) => {
        s.transactions['OTHER'] = s.transactions[transactionCode]!;
        delete s.transactions[transactionCode];
      },
      `state.transactions.OTHER.transactionCode: expected "OTHER", the key it is stored under`,
    ],
    [
      'a redeem code without its transaction',
      (s) => {
        delete s.transactions[transactionCode];
      },
      `state.redeemCodes.${redeemCode}.transactionCode: expected a transaction`,
    ],
    [
      'a verification of an unknown redeem code',
      (s) => {
        s.verifications['vst_x'] = {
          state: 'vst_x',
          redeemCode: 'NOPE',
          sequence: 1,
          redirectUri: 'http://127.0.0.1/prakerja/callback',
          email: 'a@b.example',
          clientCode: f.lp.clientCode,
          status: 'pending',
          createdAt: '2026-11-24T07:00:00.000Z',
          decidedAt: null,
        };
      },
      'state.verifications.vst_x.redeemCode: expected a redeem code of state.redeemCodes',
    ],
    [
      'an access token of an unknown participant',
      (s) => {
        s.accessTokens['sat_x'] = {
          clientId: f.lp.clientCode,
          prakerjaId: '0000',
          scope: 'name',
          redirectUri: 'http://127.0.0.1/sso/callback',
          expiresAt: Date.now() + 60_000,
          used: false,
        };
      },
      'state.accessTokens.sat_x.prakerjaId: expected a participant',
    ],
    [
      'a fault with an HTTP status a Response refuses',
      (s) => {
        s.faults.push({
          id: 'flt_x',
          kind: 'error',
          path: '*',
          method: '*',
          remaining: 1,
          probability: 1,
          latencyMs: 0,
          status: 1000,
          retryAfterSeconds: 1,
          skewSeconds: 0,
          hits: 0,
        });
      },
      'state.faults[0].status: expected <= 599',
    ],
    [
      'a clock offset past the end of Date',
      (s) => {
        s.clockOffsetMs = 1e300;
      },
      'state.clockOffsetMs: expected <= ',
    ],
    [
      'no DP left',
      (s) => {
        s.fixtures.platforms = [];
      },
      'state.fixtures.platforms: expected at least one DP',
    ],
    [
      'a version from elsewhere',
      (s) => Object.assign(s, { version: 2 }),
      'state.version: expected 1',
    ],
  ];
  for (const [name, edit, message] of cases) {
    const broken = structuredClone(state);
    edit(broken);
    const result = await control(env.url, 'PUT', '/state', broken);
    expect([name, result.status]).toEqual([name, 400]);
    expect(result.body.error, name).toContain(`not a sandbox state: ${message}`);
  }
  for (const body of [[], 'null', '"state"']) {
    const result = await control(env.url, 'PUT', '/state', body);
    expect(result.status).toBe(400);
    expect(result.body.error).toMatch(/^not a sandbox state: state: expected object, received/);
  }
  expect(await exported()).toEqual(state);
  const status = await call(env.url, f.dp, ProgramPath.PAYMENT_STATUS, {
    invoice_code: 'INV-STATE-1',
  });
  expect(status.body.data.transaction_code).toBe(transactionCode);
});

it('refuses a malformed state in process with a SandboxControlError of status 400', () => {
  const state = env.control.state.export();
  (state.sms as unknown[]).push({ id: 'sms_x' });
  let thrown: unknown;
  try {
    env.control.state.import(state);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(SandboxControlError);
  expect(thrown).toMatchObject({ status: 400 });
  expect((thrown as Error).message).toContain('state.sms[0].prakerjaId: missing, expected string');
});

it('round-trips an exported state with every kind of record', async () => {
  const receiver = await startReceiver();
  try {
    const f = pick(env.fixtures);
    env.control.webhooks.add({ url: receiver.url });
    env.control.faults.add({ kind: 'clock-skew', skewSeconds: 0 });
    const { redeemCode } = await purchase(env.sandbox, env.url, { invoiceCode: 'INV-STATE-2' });
    await env.control.deliveries.settle();
    env.control.sso.consent({
      clientId: f.lp.clientCode,
      prakerjaId: f.eligible.prakerjaId,
      redirectUri: 'http://127.0.0.1/sso/callback',
    });
    const generated = await call(env.url, f.lp, ProgramPath.URL_GENERATE, {
      redeem_code: f.testCode('TC1-001-200').redeemCode,
      redirect_uri: 'http://127.0.0.1/prakerja/callback',
      email: 'tari@peserta.example',
    });
    expect([generated.status, codeOf(generated)]).toEqual([200, undefined]);
    const submitted = await call(env.url, f.lp, ProgramPath.TPM_SUBMISSION, {
      redeem_code: f.testCode('TC1-999-200').redeemCode,
      scope: 'tpm',
      sequence: 2,
      url_file: 'https://files.example/tugas.pdf',
    });
    expect(submitted.status).toBe(200);
    const state = await exported();
    for (const key of [
      'paymentTokens',
      'transactions',
      'verifications',
      'ssoCodes',
      'webhooks',
    ] as const) {
      expect(Object.keys(state[key]).length, key).toBeGreaterThan(0);
    }
    for (const key of ['sms', 'assignments', 'events', 'deliveries', 'faults'] as const) {
      expect(state[key].length, key).toBeGreaterThan(0);
    }
    await control(env.url, 'POST', '/reset');
    const put = await control(env.url, 'PUT', '/state', state);
    expect([put.status, put.body]).toEqual([200, { imported: true }]);
    expect(await exported()).toEqual(state);
    expect(env.control.redeemCodes.get(redeemCode)?.transactionCode).toBeDefined();
  } finally {
    await receiver.close();
  }
});

it('refuses a state file that is not a sandbox state at start, naming the file, and keeps it', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'prakerja-sandbox-'));
  const stateFile = join(directory, 'state.json');
  try {
    const state = env.control.state.export();
    (state.redeemCodes as Record<string, unknown>)['PRAT-X'] = { attendance: 'yes' };
    const text = JSON.stringify(state);
    writeFileSync(stateFile, text);
    expect(() => createSandbox({ stateFile })).toThrow(
      `state file ${stateFile}: not a sandbox state: state.redeemCodes.PRAT-X.redeemCode: missing, expected string`,
    );
    expect(readFileSync(stateFile, 'utf8')).toBe(text);
    expect(existsSync(`${stateFile}.tmp`)).toBe(false);
    writeFileSync(stateFile, '{"version":');
    expect(() => createSandbox({ stateFile })).toThrow(
      new RegExp(`^state file ${stateFile} is not valid JSON`),
    );
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

it('exits 2 with the problem on stderr when the bin is given a bad state file', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'prakerja-sandbox-'));
  const stateFile = join(directory, 'state.json');
  try {
    writeFileSync(stateFile, JSON.stringify({ version: 1 }));
    const out: string[] = [];
    const err: string[] = [];
    const io = {
      stdout: (text: string) => out.push(text),
      stderr: (text: string) => err.push(text),
    };
    const result = await runSandboxCli(['--port', '0', '--state-file', stateFile], {}, io);
    expect(result).toBe(2);
    expect(out).toEqual([]);
    expect(err.join('')).toBe(
      `prakerja-sandbox: state file ${stateFile}: not a sandbox state: state.rng: missing, expected number` +
        ' (expected the JSON of GET /__sandbox/state)\n',
    );
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

it('imports a state saved with the pre-camelCase fixture keys (issue 22)', () => {
  const state = env.control.state.export();
  const { startedAt, redeemCodes, schedules, ...fixtures } = state.fixtures;
  const legacy = {
    ...state,
    fixtures: {
      ...fixtures,
      started_at: startedAt,
      schedules: schedules.map(({ startAt, endAt, ...schedule }) => ({
        ...schedule,
        start_at: startAt,
        end_at: endAt,
      })),
      redeem_codes: redeemCodes.map(({ redeemCode, testCase, ...code }) => ({
        ...code,
        redeem_code: redeemCode,
        test_case: testCase,
      })),
    },
  };
  env.control.state.import(legacy as unknown as SandboxState);
  expect(env.control.fixtures()).toEqual(state.fixtures);
});
