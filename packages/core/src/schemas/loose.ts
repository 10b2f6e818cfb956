import * as z from '../schema/index.js';

const NUMERIC = /^\s*\d+(\.\d+)?\s*$/;

/**
 * A rupiah amount as it arrives: a finite number or a numeric string (program-api.md §4.4).
 * Validates only; {@link toAmount} normalises (a schema without a union and transform costs less
 * in a browser bundle). The only amount schema: parse with it, then normalise.
 *
 * @example
 * const quota = toAmount(z.parse(looseAmountSchema, '12'));
 */
export const looseAmountSchema = z.custom<number | string>(
  (value) =>
    (typeof value === 'number' && Number.isFinite(value)) ||
    (typeof value === 'string' && NUMERIC.test(value)),
  'expected a number or a numeric string',
);

/** Normalises a value accepted by {@link looseAmountSchema} to a number. */
export const toAmount = (value: number | string): number => Number(value);

/**
 * An invoice code as it arrives: a string or a safe integer (program-api.md §4.3). Validates
 * only; `String(value)` normalises.
 */
export const looseInvoiceCodeSchema = z.custom<string | number>(
  (value) => typeof value === 'string' || Number.isSafeInteger(value),
  'expected a string or an integer',
);
