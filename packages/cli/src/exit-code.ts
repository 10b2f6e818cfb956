/**
 * Exit codes of the `prakerja` command, stable for scripts.
 *
 * - `OK` (0): the command did what was asked; `doctor` found the signature valid.
 * - `CHECK_FAILED` (1): a check failed: `doctor` named a fault (or could not explain the
 *   signature), a forwarded or triggered delivery was not accepted with a 2xx.
 * - `USAGE` (2): unknown command or flag, missing argument, unreadable or unparseable input.
 * - `CONFIG` (3): a required credential or setting is missing (sign key, webhook secret, client code).
 * - `UNREACHABLE` (4): the sandbox or the target URL could not be reached, or answered with an error.
 * - `INTERNAL` (70): a bug in the CLI; please report it.
 */
export const ExitCode = {
  OK: 0,
  CHECK_FAILED: 1,
  USAGE: 2,
  CONFIG: 3,
  UNREACHABLE: 4,
  INTERNAL: 70,
} as const;

/** One of the {@link ExitCode} values. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
