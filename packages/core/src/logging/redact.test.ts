import { describe, expect, it, vi } from 'vitest';
import { createLogger, type Logger } from './logger.js';
import { maskedValuesOf, maskText, maskValue, REDACTED, redact, scrub } from './redact.js';

describe('redact', () => {
  it('replaces secrets and masks identifiers, recursively', () => {
    const out = redact(
      {
        headers: { signature: 'abc123', Authorization: 'Payment ptok_fake' },
        body: {
          otp: '123456',
          redeem_code: 'PRAT-UJ0EEQ',
          email: 'budi@example.com',
          prakerja_id: '1234567890123456',
        },
        list: [{ access_token: 'atok' }, 'plain'],
        error: new Error('boom sk_fake_key'),
      },
      ['sk_fake_key'],
    );
    expect(out).toEqual({
      headers: { signature: REDACTED, Authorization: REDACTED },
      body: {
        otp: REDACTED,
        redeem_code: 'PRAT-****EQ',
        email: 'b***@example.com',
        prakerja_id: '12****56',
      },
      list: [{ access_token: REDACTED }, 'plain'],
      error: { name: 'Error', message: `boom ${REDACTED}` },
    });
  });

  it('masks user_platform_id (string or number) like other identifiers', () => {
    expect(
      redact({ user_platform_id: 'user-884213', userPlatformId: 99887766, other: 99887766 }),
    ).toEqual({ user_platform_id: 'us****13', userPlatformId: '99****66', other: 99887766 });
  });

  it('masks free text a server echoes: identifiers, signatures, the call secrets and values', () => {
    const signature = 'A1'.repeat(20);
    expect(
      maskText(
        `OTP 482913 for GHOPNYXUVMT0 PRAT-UJ0EEQ budi.s+x@mail.example.co.id 1234567890123456 ${signature} 12345678901234567`,
        ['482913'],
        ['GHOPNYXUVMT0'],
      ),
    ).toBe(
      `OTP ${REDACTED} for GH****T0 PRAT-****EQ b***@mail.example.co.id 12****56 ${REDACTED} 12345678901234567`,
    );
    expect(maskText('nothing to hide: ERRPLT40028')).toBe('nothing to hide: ERRPLT40028');
  });

  it('collects the identifiers of a request body', () => {
    expect(
      maskedValuesOf({
        redeem_code: 'GHOPNYXUVMT0',
        nested: { email: 'a@b.co', prakerja_id: 1234567890123456 },
        otp: '1',
      }),
    ).toEqual(['GHOPNYXUVMT0', 'a@b.co', '1234567890123456']);
  });

  it('masks short values completely', () => {
    expect(maskValue('abc')).toBe('****');
  });

  it('scrubs every occurrence of a known secret but ignores very short ones', () => {
    expect(scrub('k=sk_fake k=sk_fake', ['sk_fake'])).toBe(`k=${REDACTED} k=${REDACTED}`);
    expect(scrub('a b c', ['a'])).toBe('a b c');
  });

  it('leaves numbers, nulls and deep structures intact', () => {
    expect(redact(42)).toBe(42);
    expect(redact(null)).toBe(null);
    const deep = { a: { b: { c: { d: { e: { f: { g: { h: { i: { j: 1 } } } } } } } } } };
    expect(redact(deep)).toEqual(deep);
  });
});

describe('createLogger', () => {
  const SIGN_KEY = 'sk_test_fake_never_logged';
  const levels = ['debug', 'info', 'warn', 'error'] as const;

  it.each(levels)('never writes a secret at level %s', (level) => {
    const lines: string[] = [];
    const sink = Object.fromEntries(
      levels.map((name) => [name, (...args: unknown[]) => lines.push(JSON.stringify(args))]),
    ) as unknown as Logger;
    const logger = createLogger({ level: 'debug', sink, secrets: [SIGN_KEY] });
    logger[level](`using key ${SIGN_KEY}`, {
      signKey: SIGN_KEY,
      signature: 'f00d',
      otp: '654321',
      payment_token: 'ptok_fake',
      access_token: 'atok_fake',
      nested: { text: `key=${SIGN_KEY}` },
      redeemCode: 'PRAT-ABCDEF',
      email: 'siti@example.com',
      prakerjaId: '9876543210987654',
    });
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    for (const secret of [
      SIGN_KEY,
      'f00d',
      '654321',
      'ptok_fake',
      'atok_fake',
      'PRAT-ABCDEF',
      'siti@',
      '9876543210987654',
    ]) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain('PRAT-****EF');
  });

  it('drops lines below the level and is silent when asked', () => {
    const warn = vi.fn();
    const debug = vi.fn();
    const sink = { debug, info: vi.fn(), warn, error: vi.fn() };
    const logger = createLogger({ level: 'warn', sink });
    logger.debug('hidden');
    logger.warn('shown');
    expect(debug).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledWith('shown');
    createLogger({ level: 'silent', sink }).error('nothing');
    expect(sink.error).not.toHaveBeenCalled();
  });

  it('prefixes its own console lines', () => {
    const spy = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    createLogger().warn('clock skew');
    expect(spy).toHaveBeenCalledWith('[prakerja-kit] clock skew');
  });
});
