import { describe, expect, it } from 'vitest';
import { ConnectionError, RequestAbortedError, TimeoutError } from '../errors/request-errors.js';
import { AttemptTimeout, classifyThrown, errorCode } from './classify-failure.js';

const context = (ambiguous: boolean, signal?: AbortSignal) => ({
  path: '/api/v1/integration/payment/redeem-code/commit',
  attempt: 1,
  timeout: 10_000,
  ambiguous,
  signal,
  signKey: 'sk_fake_secret_value',
});

const withCode = (code: string) =>
  new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });

describe('classifyThrown', () => {
  it('throws a RequestAbortedError when the caller aborted, whatever the error', () => {
    const failure = classifyThrown(new Error('x'), context(true, AbortSignal.abort()));
    expect(failure.kind).toBe('throw');
    expect(failure.error).toBeInstanceOf(RequestAbortedError);
    expect(failure.error).toMatchObject({ maybeProcessed: true });
  });

  it('retries a timeout of a read-only call and throws one of a state-changing call', () => {
    for (const error of [new AttemptTimeout('no answer within 10000 ms')]) {
      expect(classifyThrown(error, context(false))).toMatchObject({
        kind: 'retry',
        reason: 'timeout',
      });
      const thrown = classifyThrown(error, context(true));
      expect(thrown.kind).toBe('throw');
      expect(thrown.error).toBeInstanceOf(TimeoutError);
      expect(thrown.error).toMatchObject({ maybeProcessed: true });
    }
  });

  it('re-sends a state-changing call only when the request never left the machine', () => {
    expect(classifyThrown(withCode('ECONNREFUSED'), context(true))).toMatchObject({
      kind: 'retry',
      reason: 'connection error ECONNREFUSED',
    });
    const reset = classifyThrown(withCode('ECONNRESET'), context(true));
    expect(reset.kind).toBe('throw');
    expect(reset.error).toBeInstanceOf(ConnectionError);
    expect(reset.error).toMatchObject({ maybeProcessed: true });
    expect(classifyThrown(withCode('ECONNRESET'), context(false))).toMatchObject({ kind: 'retry' });
  });

  it('masks the sign key out of an echoed error message', () => {
    const failure = classifyThrown(new Error('bad key sk_fake_secret_value'), context(false));
    expect(failure.error.message).not.toContain('sk_fake_secret_value');
  });
});

describe('errorCode', () => {
  it('finds the code on the error or up to three causes deep', () => {
    expect(errorCode(withCode('ENOTFOUND'))).toBe('ENOTFOUND');
    expect(errorCode(new Error('no code'))).toBeUndefined();
    expect(errorCode('text')).toBeUndefined();
  });
});
