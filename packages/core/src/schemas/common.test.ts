import { expect, it } from 'vitest';
import * as z from '../schema/index.js';
import { codeSchema } from './common.js';

// Regression (issue 4): the length check ran before the trim, so '   ' passed and became ''.
it('refuses a whitespace-only code instead of trimming it to an empty string', () => {
  expect(z.safeParse(codeSchema, '   ').success).toBe(false);
  expect(z.parse(codeSchema, '  PRAT-UJ0EEQ ')).toBe('PRAT-UJ0EEQ');
});
