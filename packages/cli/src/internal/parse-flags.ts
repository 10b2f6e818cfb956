import { type ParseArgsConfig, parseArgs } from 'node:util';
import { usageError } from './cli-error.js';
import { didYouMean } from './suggest.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Flags every command accepts. */
export const COMMON_FLAGS = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  'no-color': { type: 'boolean' },
} as const satisfies Options;

type Config<T extends Options> = {
  args: string[];
  options: T & typeof COMMON_FLAGS;
  strict: true;
  allowPositionals: true;
};

/** Parses a command's flags strictly with `node:util` `parseArgs`; mistakes are usage errors. */
export function parseFlags<T extends Options>(
  args: readonly string[],
  options: T,
): ReturnType<typeof parseArgs<Config<T>>> {
  try {
    return parseArgs({
      args: [...args],
      options: { ...COMMON_FLAGS, ...options },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional.*$/s, '');
    // "Unknown option '--sekret'": suggest the closest flag of this command.
    const unknown = /^Unknown option '(--[^'=]+)/.exec(message)?.[1];
    const flags = Object.keys({ ...COMMON_FLAGS, ...options }).map((name) => `--${name}`);
    const hint = unknown === undefined ? '' : didYouMean(unknown, flags);
    throw usageError(`${message}${hint && !message.endsWith('.') ? '.' : ''}${hint}`);
  }
}

/** Parses an integer flag, or throws a usage error naming it. */
export function integerFlag(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value)) throw usageError(`--${name} must be an integer, got "${value}"`);
  return Number(value);
}
