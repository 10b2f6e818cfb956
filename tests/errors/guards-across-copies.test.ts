// Issue 22: every error a client package throws is exported by that package, extends core's
// PrakerjaError, and its name-based guard (`isProgramApiError`, …) recognises it when it was
// thrown by ANOTHER installed copy of the package and of core, where `instanceof` is false.
//
// The second copy is real: each client package's entry is bundled by esbuild with its own copy
// of @prakerja-kit/core inlined (zod left external), written to a separate file and imported
// beside the workspace copy the test imports normally.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as platform from '@prakerja-kit/platform';
import * as provider from '@prakerja-kit/provider';
import * as webhooks from '@prakerja-kit/webhooks';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const OUT = path.join(ROOT, 'node_modules/.cache/prakerja-error-copies');

type Module = Record<string, unknown>;
type ErrorClass = new (...args: never[]) => Error;

const request = { endpoint: '/api/v1/x', maybeProcessed: false, attempts: 1 };
/** How to build each error class, by name (constructors differ). */
const MAKE: Record<string, (Class: ErrorClass) => Error> = {
  PrakerjaError: (C) => new (C as new (m: string) => Error)('boom'),
  ConfigurationError: (C) => new (C as new (f: string, m: string) => Error)('signKey', 'missing'),
  ProgramRequestError: (C) => new (C as new (m: string, o: object) => Error)('x', request),
  ConnectionError: (C) => new (C as new (m: string, o: object) => Error)('x', request),
  TimeoutError: (C) => new (C as new (m: string, o: object) => Error)('x', request),
  RequestAbortedError: (C) => new (C as new (m: string, o: object) => Error)('x', request),
  ProgramApiError: (C) =>
    new (C as new (o: object) => Error)({
      ...request,
      status: 400,
      code: 'ERRPLT40028',
      programMessage: 'gagal',
    }),
  RedirectError: (C) =>
    new (C as new (o: object) => Error)({
      endpoint: '/x',
      attempts: 1,
      status: 302,
      location: '/y',
    }),
  RequestValidationError: (C) =>
    new (C as new (i: object[]) => Error)([{ path: ['redeemCode'], message: 'required' }]),
  ResponseValidationError: (C) =>
    new (C as new (i: object[], e: string, s: number) => Error)(
      [{ path: ['data'], message: 'x' }],
      '/x',
      200,
    ),
  PaymentNotFoundError: (C) =>
    new (C as new (o: object) => Error)({
      invoiceCode: 'INV-1',
      form: 'http_404',
      endpoint: '/x',
      status: 404,
      code: undefined,
      programMessage: 'tidak ditemukan',
      attempts: 1,
    }),
  WebhookVerificationError: (C) =>
    new (C as new (c: string, r: string) => Error)('signature', 'does not match'),
  WebhookBodyError: (C) => new (C as new (s: number, r: string) => Error)(413, 'too large'),
  WebhookConfigurationError: (C) =>
    new (C as new (f: string, e: string, r: string) => Error)('secret', 'a secret', 'undefined'),
};

/** The guard of each error class, by class name. */
const GUARD: Record<string, string> = {
  PrakerjaError: 'isPrakerjaError',
  ConfigurationError: 'isConfigurationError',
  ProgramRequestError: 'isProgramRequestError',
  ConnectionError: 'isConnectionError',
  TimeoutError: 'isTimeoutError',
  RequestAbortedError: 'isRequestAbortedError',
  ProgramApiError: 'isProgramApiError',
  RedirectError: 'isRedirectError',
  RequestValidationError: 'isRequestValidationError',
  ResponseValidationError: 'isResponseValidationError',
  PaymentNotFoundError: 'isPaymentNotFoundError',
  WebhookVerificationError: 'isWebhookVerificationError',
  WebhookBodyError: 'isWebhookBodyError',
  WebhookConfigurationError: 'isWebhookConfigurationError',
};

/** Error classes users catch from the platform and provider clients. */
const CLIENT_ERRORS = [
  'PrakerjaError',
  'ConfigurationError',
  'ProgramRequestError',
  'ConnectionError',
  'TimeoutError',
  'RequestAbortedError',
  'ProgramApiError',
  'RedirectError',
  'RequestValidationError',
  'ResponseValidationError',
];
const EXPECTED: Record<string, string[]> = {
  platform: [...CLIENT_ERRORS, 'PaymentNotFoundError'],
  provider: CLIENT_ERRORS,
  webhooks: [
    'PrakerjaError',
    'ConfigurationError',
    'WebhookVerificationError',
    'WebhookBodyError',
    'WebhookConfigurationError',
  ],
};
const WORKSPACE: Record<string, Module> = { platform, provider, webhooks };
const copies: Record<string, Module> = {};

async function bundleCopy(name: string): Promise<Module> {
  const outfile = path.join(OUT, `${name}.mjs`);
  await build({
    entryPoints: [path.join(ROOT, `packages/${name}/src/index.ts`)],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    conditions: ['@prakerja-kit/source', 'node'],
    external: ['zod', 'zod/*', 'ioredis', 'pg', 'redis', '@opentelemetry/api'],
    define: { __PRAKERJA_KIT_VERSION__: '"0.0.0-copy"' },
    logLevel: 'silent',
  });
  return (await import(`${pathToFileURL(outfile).href}?copy=${Date.now()}`)) as Module;
}

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  for (const name of Object.keys(WORKSPACE)) copies[name] = await bundleCopy(name);
}, 60_000);

describe.each(Object.keys(EXPECTED))('@prakerja-kit/%s', (name) => {
  it('exports every error users catch, each extending PrakerjaError, with its guard', () => {
    const pkg = WORKSPACE[name]!;
    for (const errorName of EXPECTED[name]!) {
      const Class = pkg[errorName] as ErrorClass | undefined;
      expect(Class, `${name} exports ${errorName}`).toBeTypeOf('function');
      expect(pkg[GUARD[errorName]!], `${name} exports ${GUARD[errorName]}`).toBeTypeOf('function');
      const error = MAKE[errorName]!(Class!);
      expect(error).toBeInstanceOf(pkg['PrakerjaError'] as ErrorClass);
      expect(error.name).toBe(errorName);
    }
  });

  it('guards recognise errors thrown by another copy of the package and of core', () => {
    const pkg = WORKSPACE[name]!;
    const copy = copies[name]!;
    expect(copy['PrakerjaError']).not.toBe(pkg['PrakerjaError']);
    for (const errorName of EXPECTED[name]!) {
      const foreign = MAKE[errorName]!(copy[errorName] as ErrorClass);
      // instanceof fails across copies; that is why the guards exist.
      expect(foreign instanceof (pkg[errorName] as ErrorClass)).toBe(false);
      const guard = pkg[GUARD[errorName]!] as (value: unknown) => boolean;
      expect(guard(foreign), `${GUARD[errorName]} on a foreign ${errorName}`).toBe(true);
      expect((pkg['isPrakerjaError'] as (v: unknown) => boolean)(foreign)).toBe(true);
      // and the copy's guards recognise the workspace's errors.
      const local = MAKE[errorName]!(pkg[errorName] as ErrorClass);
      expect((copy[GUARD[errorName]!] as (v: unknown) => boolean)(local)).toBe(true);
    }
  });

  it('guards refuse other errors', () => {
    const pkg = WORKSPACE[name]!;
    const plain = new Error('x');
    const lookalike = Object.assign(new Error('x'), { name: 'ProgramApiError' });
    for (const errorName of EXPECTED[name]!) {
      const guard = pkg[GUARD[errorName]!] as (value: unknown) => boolean;
      expect(guard(plain)).toBe(false);
      expect(guard(lookalike)).toBe(false);
      expect(guard(null)).toBe(false);
    }
  });
});

it('subclass errors satisfy their base class guard', () => {
  const copy = copies['platform']!;
  const notFound = MAKE['PaymentNotFoundError']!(copy['PaymentNotFoundError'] as ErrorClass);
  expect(platform.isProgramApiError(notFound)).toBe(true);
  expect(platform.isProgramRequestError(notFound)).toBe(true);
  const body = MAKE['WebhookBodyError']!(copies['webhooks']!['WebhookBodyError'] as ErrorClass);
  expect(webhooks.isWebhookVerificationError(body)).toBe(true);
  const config = MAKE['WebhookConfigurationError']!(
    copies['webhooks']!['WebhookConfigurationError'] as ErrorClass,
  );
  expect(webhooks.isConfigurationError(config)).toBe(true);
  const timeout = MAKE['TimeoutError']!(copies['provider']!['TimeoutError'] as ErrorClass);
  expect(provider.isProgramRequestError(timeout)).toBe(true);
  expect(provider.isProgramApiError(timeout)).toBe(false);
});

it("the sandbox's control error extends core's root error and has a guard", async () => {
  const { PrakerjaError } = await import('@prakerja-kit/core');
  const sandbox = await import('@prakerja-kit/sandbox');
  const error = new sandbox.SandboxControlError('unknown profile', 400);
  expect(error).toBeInstanceOf(PrakerjaError);
  expect(sandbox.isSandboxControlError(error)).toBe(true);
  expect(sandbox.isSandboxControlError(new Error('x'))).toBe(false);
});
