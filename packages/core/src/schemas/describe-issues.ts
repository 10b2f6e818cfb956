import type { ValidationIssue } from '../errors/validation-errors.js';
import { isMaskedKey, isSecretKey, maskText, maskValue } from '../logging/redact.js';
import type * as z from '../schema/index.js';

// The kit's validator (like zod/mini, whose issue shapes it keeps) carries no locale, so every
// issue it raises itself says just this; anything else is a message the schema gave.
const DEFAULT_MESSAGE = 'Invalid input';
const MAX_SHOWN = 40;

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'a boolean',
  bigint: 'a bigint',
  symbol: 'a symbol',
  undefined: 'nothing (undefined)',
  null: 'null',
  date: 'a date',
  array: 'an array',
  object: 'an object',
  record: 'an object',
  tuple: 'an array',
  map: 'a Map',
  set: 'a Set',
  function: 'a function',
  file: 'a file',
  nan: 'NaN',
  never: 'nothing (the field is not allowed)',
};

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/**
 * Describes a received value for an error message without leaking it: the value of a secret
 * field is reduced to its type and length, a personal identifier is masked, long text is cut.
 */
export function describeReceived(value: unknown, key: PropertyKey | undefined): string {
  const name = typeof key === 'string' ? key : '';
  if (typeof value === 'string') {
    if (name && isSecretKey(name)) return `a string of ${plural(value.length, 'character')}`;
    if (value === '') return 'an empty string';
    let shown = name && isMaskedKey(name) ? maskValue(value) : maskText(value);
    if (shown.length > MAX_SHOWN) shown = `${shown.slice(0, MAX_SHOWN)}…`;
    return `the string ${JSON.stringify(shown)}`;
  }
  if (name && isSecretKey(name) && value !== null && value !== undefined) {
    return `a ${typeof value}`;
  }
  if (typeof value === 'number') {
    if (name && isMaskedKey(name)) return `the number ${maskValue(String(value))}`;
    return `the number ${String(value)}`;
  }
  if (typeof value === 'boolean') return `the boolean ${String(value)}`;
  if (value === null) return 'null';
  if (value === undefined) return 'nothing (undefined)';
  if (typeof value === 'bigint') return 'a bigint';
  if (Array.isArray(value)) return `an array of ${plural(value.length, 'item')}`;
  if (value instanceof Date) return 'a Date';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function bound(
  origin: string,
  limit: number | bigint | Date,
  inclusive: boolean | undefined,
  side: 'min' | 'max',
  exact: boolean | undefined,
): string {
  const n = Number(limit);
  const at = exact ? 'exactly' : side === 'min' ? 'at least' : 'at most';
  switch (origin) {
    case 'string':
      if (side === 'min' && n === 1 && !exact) return 'a non-empty string';
      return `a string of ${at} ${plural(n, 'character')}`;
    case 'array':
    case 'set':
      if (side === 'min' && n === 1 && !exact) return `a non-empty ${origin}`;
      return `${origin === 'array' ? 'an array' : 'a set'} of ${at} ${plural(n, 'item')}`;
    default: {
      const op = side === 'min' ? (inclusive ? '>=' : '>') : inclusive ? '<=' : '<';
      return `${origin === 'bigint' ? 'a bigint' : origin === 'date' ? 'a date' : 'a number'} ${op} ${String(limit)}`;
    }
  }
}

function formatName(format: string, pattern: RegExp | string | undefined): string {
  if (format === 'regex') return `a string matching ${String(pattern)}`;
  if (format === 'starts_with' || format === 'ends_with' || format === 'includes') {
    return `a string that ${format.replace('_', 's ')}`;
  }
  return `a valid ${format}`;
}

function expectation(issue: z.Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return TYPE_NAMES[issue.expected] ?? issue.expected;
    case 'too_small':
      return bound(issue.origin, issue.minimum, issue.inclusive, 'min', issue.exact);
    case 'too_big':
      return bound(issue.origin, issue.maximum, issue.inclusive, 'max', issue.exact);
    case 'invalid_format':
      return formatName(issue.format, (issue as { pattern?: RegExp | string }).pattern);
    case 'not_multiple_of':
      return `a multiple of ${String(issue.divisor)}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? JSON.stringify(issue.values[0])
        : `one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'unrecognized_keys':
      return `no other keys than the documented ones (unknown: ${issue.keys.join(', ')})`;
    case 'invalid_union': {
      const options = issue.errors
        .map((errors) => errors[0])
        .filter((inner): inner is z.Issue => inner !== undefined && inner.path.length === 0)
        .map(expectation);
      return options.length === issue.errors.length && options.length > 0
        ? options.join(' or ')
        : 'one of the accepted forms';
    }
    default:
      return 'a valid value';
  }
}

/**
 * Turns validation issues (the kit's, or zod-shaped ones) into messages that name what was expected and what was received, e.g.
 * `expected an integer, received the string "2"`. A message the schema gave is kept as the
 * expected text. Received values of secret fields are never shown, and identifiers are masked.
 */
export function describeIssues(issues: readonly z.Issue[], input: unknown): ValidationIssue[] {
  return issues.map((issue) => {
    const received = describeReceived(valueAt(input, issue.path), issue.path.at(-1));
    const custom = issue.message && issue.message !== DEFAULT_MESSAGE ? issue.message : undefined;
    let message: string;
    if (issue.code === 'unrecognized_keys') {
      message = custom ?? `expected ${expectation(issue)}`;
    } else if (custom === undefined) {
      message = `expected ${expectation(issue)}, received ${received}`;
    } else if (/^expected\b/i.test(custom)) {
      message = `${custom}, received ${received}`;
    } else {
      message = `${custom}; received ${received}`;
    }
    return { path: issue.path, message };
  });
}
