import fc from 'fast-check';
import { expect, it } from 'vitest';
import { timingSafeEqual } from './timing-safe-equal.js';

it('agrees with === for any two strings', () => {
  fc.assert(
    fc.property(fc.string(), fc.string(), (a, b) => {
      expect(timingSafeEqual(a, b)).toBe(a === b);
      expect(timingSafeEqual(a, a)).toBe(true);
    }),
  );
});

it('refuses a string that differs in one character or in length', () => {
  expect(timingSafeEqual('943c20a8', '943c20a9')).toBe(false);
  expect(timingSafeEqual('943c20a8', '943c20a')).toBe(false);
  expect(timingSafeEqual('', '')).toBe(true);
});
