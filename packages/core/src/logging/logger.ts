import { redact } from './redact.js';

/** Log levels, most verbose first. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** Structured fields attached to a log line. */
export type LogFields = Record<string, unknown>;

/**
 * A levelled logger. Bring your own (pino, winston, console) or use {@link createLogger}.
 *
 * The SDK redacts fields before calling it: the sign key, signatures, OTPs, payment and access
 * tokens never reach it, and redeem codes, emails and Prakerja numbers arrive masked.
 */
export interface Logger {
  /** Request and response details (redacted bodies). */
  debug(message: string, fields?: LogFields): void;
  /** Retries and other recoverable events. */
  info(message: string, fields?: LogFields): void;
  /** Clock skew and other conditions that need attention. */
  warn(message: string, fields?: LogFields): void;
  /** Failures. */
  error(message: string, fields?: LogFields): void;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

/** Options of {@link createLogger}. */
export interface CreateLoggerOptions {
  /**
   * Lowest level written.
   * @default 'warn'
   */
  level?: LogLevel | undefined;
  /** Where lines go. @default console */
  sink?: Logger | undefined;
  /** Extra secret values to scrub from every string (the sign key is always added by clients). */
  secrets?: readonly string[] | undefined;
}

/**
 * Creates a logger that drops lines below `level` and redacts every field it is given.
 *
 * @example
 * const logger = createLogger({ level: 'debug' });
 */
export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const threshold = ORDER[options.level ?? 'warn'];
  const sink = options.sink ?? console;
  // Only our own console lines carry a prefix; a caller's logger formats its own.
  const prefix = options.sink === undefined ? '[prakerja-kit] ' : '';
  const secrets = options.secrets ?? [];
  const write =
    (level: Exclude<LogLevel, 'silent'>) =>
    (message: string, fields?: LogFields): void => {
      if (ORDER[level] < threshold) return;
      const safeMessage = redact(message, secrets) as string;
      if (fields === undefined) sink[level](`${prefix}${safeMessage}`);
      else sink[level](`${prefix}${safeMessage}`, redact(fields, secrets) as LogFields);
    };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

/** Wraps any logger so every line passes through redaction with the given secrets. */
export function redactingLogger(logger: Logger, secrets: readonly string[]): Logger {
  return createLogger({ level: 'debug', sink: logger, secrets });
}
