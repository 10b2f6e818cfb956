import * as z from 'zod/mini';
import { upgradeLegacyState } from './legacy-fixture-keys.js';
import { ControlFailure } from './program-failure.js';
import { type SandboxState, sandboxStateSchema } from './state.js';

// Validates an imported state (PUT /__sandbox/state, control.state.import, the state file)
// against the schemas its types are inferred from (state.ts, sandbox-fixtures.ts), then checks
// what the schemas cannot: records stored under their own keys and the links between them.

type Path = readonly PropertyKey[];

/** A problem found in an imported state: where (from the state's root) and what. */
interface StateProblem {
  path: Path;
  message: string;
}

/** `state.transactions.INV-1.amount`, `state.sms[0].id`, `state.balances[""]`. */
export function formatStatePath(path: Path): string {
  let out = 'state';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[\w$-]+$/.test(key)) out += `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${value}`;
  return typeof value;
}

function valueAt(root: unknown, path: Path): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key as string];
  }
  return value;
}

/** zod/mini carries no locale: say what was expected and what was found ourselves. */
function issueMessage(issue: z.core.$ZodIssue, root: unknown): string {
  switch (issue.code) {
    case 'invalid_type': {
      const found = valueAt(root, issue.path);
      const expected =
        { record: 'object', int: 'integer' }[issue.expected as string] ?? issue.expected;
      return found === undefined
        ? `missing, expected ${expected}`
        : `expected ${expected}, received ${describe(found)}`;
    }
    case 'invalid_value':
      return `expected ${issue.values.map((value) => JSON.stringify(value)).join(' or ')}`;
    case 'too_small':
      return `expected ${issue.origin === 'string' ? 'length ' : ''}>= ${String(issue.minimum)}`;
    case 'too_big':
      return `expected ${issue.origin === 'string' ? 'length ' : ''}<= ${String(issue.maximum)}`;
    case 'invalid_format':
      return issue.message && issue.message !== 'Invalid input'
        ? issue.message
        : `expected ${issue.format}`;
    default:
      return issue.message;
  }
}

function check(problems: StateProblem[], ok: boolean, path: Path, message: string): void {
  if (!ok) problems.push({ path, message });
}

/**
 * What the state machine assumes across records: each record stored under its own code, and the
 * records it follows without a guard (`attendance.ts`, `sso.ts`, `run-sandbox-cli.ts`) exist.
 */
function consistencyProblems(state: SandboxState): StateProblem[] {
  const problems: StateProblem[] = [];
  const { fixtures } = state;
  check(
    problems,
    fixtures.platforms.length > 0,
    ['fixtures', 'platforms'],
    'expected at least one DP',
  );
  check(
    problems,
    fixtures.providers.length > 0,
    ['fixtures', 'providers'],
    'expected at least one LP',
  );
  for (const [name, role] of [
    ['platforms', 'dp'],
    ['providers', 'lp'],
  ] as const) {
    fixtures[name].forEach((client, index) => {
      check(
        problems,
        client.role === role,
        ['fixtures', name, index, 'role'],
        `expected "${role}"`,
      );
    });
  }
  const keyed = (
    name: 'paymentTokens' | 'transactions' | 'redeemCodes' | 'verifications' | 'webhooks',
    field: string,
  ) => {
    for (const [key, record] of Object.entries(state[name])) {
      const value = (record as unknown as Record<string, unknown>)[field];
      check(
        problems,
        value === key,
        [name, key, field],
        `expected ${JSON.stringify(key)}, the key it is stored under`,
      );
    }
  };
  keyed('paymentTokens', 'token');
  keyed('transactions', 'transactionCode');
  keyed('redeemCodes', 'redeemCode');
  keyed('verifications', 'state');
  keyed('webhooks', 'id');
  for (const [key, transaction] of Object.entries(state.transactions)) {
    check(
      problems,
      state.redeemCodes[transaction.redeemCode]?.transactionCode === key,
      ['transactions', key, 'redeemCode'],
      `expected a redeem code of state.redeemCodes whose transactionCode is ${JSON.stringify(key)}`,
    );
  }
  for (const [key, record] of Object.entries(state.redeemCodes)) {
    check(
      problems,
      state.transactions[record.transactionCode]?.redeemCode === key,
      ['redeemCodes', key, 'transactionCode'],
      `expected a transaction of state.transactions whose redeemCode is ${JSON.stringify(key)}`,
    );
  }
  for (const [key, verification] of Object.entries(state.verifications)) {
    check(
      problems,
      Object.hasOwn(state.redeemCodes, verification.redeemCode),
      ['verifications', key, 'redeemCode'],
      'expected a redeem code of state.redeemCodes',
    );
  }
  const participants = new Set(fixtures.participants.map((item) => item.prakerjaId));
  for (const name of ['ssoCodes', 'accessTokens', 'refreshTokens'] as const) {
    for (const [key, grant] of Object.entries(state[name])) {
      check(
        problems,
        participants.has(grant.prakerjaId),
        [name, key, 'prakerjaId'],
        'expected a participant of state.fixtures.participants',
      );
    }
  }
  return problems;
}

/**
 * Validates an imported sandbox state (as exported by `GET /__sandbox/state`) deeply and returns
 * the validated copy (unknown fields dropped). Throws a 400 {@link ControlFailure} naming the
 * first problem, e.g. `not a sandbox state: state.transactions.X.amount: expected number,
 * received string`.
 */
export function parseSandboxState(saved: unknown): SandboxState {
  // States saved before the fixtures moved to camelCase (issue 22) still load.
  const value = upgradeLegacyState(saved);
  const result = z.safeParse(sandboxStateSchema, value);
  const issue = result.error?.issues[0];
  const problem: StateProblem | undefined = issue
    ? { path: issue.path, message: issueMessage(issue, value) }
    : result.data && consistencyProblems(result.data)[0];
  if (problem || !result.data) {
    throw new ControlFailure(
      `not a sandbox state: ${formatStatePath(problem?.path ?? [])}: ${problem?.message ?? 'invalid'}` +
        ' (expected the JSON of GET /__sandbox/state)',
    );
  }
  return result.data;
}
