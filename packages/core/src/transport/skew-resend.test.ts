import { describe, expect, it } from 'vitest';
import { shouldResendForSkew } from './skew-resend.js';

const base = {
  status: 401,
  alreadyResent: false,
  correctSkew: true,
  correctionAtSigning: 0,
  correctionNow: 60,
};

describe('shouldResendForSkew', () => {
  it('re-sends a refused call once when the correction moved by a minute or more', () => {
    expect(shouldResendForSkew(base)).toBe(true);
    expect(shouldResendForSkew({ ...base, correctionAtSigning: 100, correctionNow: 40 })).toBe(
      true,
    );
    expect(shouldResendForSkew({ ...base, status: 499 })).toBe(true);
  });

  it('does not re-send a second time, without correctSkew, below a minute, or for a non-4xx', () => {
    expect(shouldResendForSkew({ ...base, alreadyResent: true })).toBe(false);
    expect(shouldResendForSkew({ ...base, correctSkew: undefined })).toBe(false);
    expect(shouldResendForSkew({ ...base, correctionNow: 59 })).toBe(false);
    for (const status of [200, 302, 399, 500, 503]) {
      expect(shouldResendForSkew({ ...base, status })).toBe(false);
    }
  });
});
