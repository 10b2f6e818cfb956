import * as z from '../schema/index.js';

/**
 * A non-empty string with no surrounding whitespace. Trimmed before the length check, so a
 * whitespace-only code is refused rather than sent as `''`.
 */
export const codeSchema = z.string().check(z.trim(), z.minLength(1));
