import { redact } from './redact.js';

/** Log levels, most verbose first. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** Structured fields attached to a log line. */
export type LogFields = Record<string, unknown>;

/**
 * A levelled logger called as `(message, fields)`. Use {@link createLogger}, or wrap what you run
 * with {@link fromPino}, {@link fromWinston} or {@link fromConsole}: a pino or winston instance
 * passed as is is a type error (pino takes `(fields, message)`, so every field would be lost).
 *
 * The SDK redacts fields before calling it: the sign key, signatures, OTPs, payment and access
 * tokens never reach it, and redeem codes, emails and Prakerja numbers arrive masked. Each record
 * carries an `event` (`prakerja.request`, `prakerja.response`, `prakerja.retry`,
 * `prakerja.request.failed`...) and, where they apply, `endpoint`, `attempt`, `status`, `code`
 * (the program's error code) and `durationMs`.
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
  /**
   * Never set. pino and winston loggers have a `child` method: this makes passing one where a
   * `Logger` is expected a type error; wrap it with {@link fromPino} or {@link fromWinston}.
   */
  readonly child?: never;
  /** Never set (pino and winston loggers have `levels`); see {@link Logger.child}. */
  readonly levels?: never;
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

type Level = Exclude<LogLevel, 'silent'>;
const LEVELS: readonly Level[] = ['debug', 'info', 'warn', 'error'];

/** What {@link fromPino} needs of a pino logger: `(fields, message)` methods per level. */
export interface PinoLike {
  /** pino's `debug(obj, msg)`. */
  debug(fields: object, message?: string): void;
  /** pino's `info(obj, msg)`. */
  info(fields: object, message?: string): void;
  /** pino's `warn(obj, msg)`. */
  warn(fields: object, message?: string): void;
  /** pino's `error(obj, msg)`. */
  error(fields: object, message?: string): void;
}

/** What {@link fromWinston} needs of a winston logger: `log(level, message, meta)`. */
export interface WinstonLike {
  /** winston's `log(level, message, meta)`. */
  log(level: string, message: string, meta?: object): unknown;
}

/** What {@link fromConsole} needs: `console`-like `(message, ...data)` methods. */
export interface ConsoleLike {
  /** `console.debug`. */
  debug(message?: unknown, ...data: unknown[]): void;
  /** `console.info`. */
  info(message?: unknown, ...data: unknown[]): void;
  /** `console.warn`. */
  warn(message?: unknown, ...data: unknown[]): void;
  /** `console.error`. */
  error(message?: unknown, ...data: unknown[]): void;
}

function build(
  write: (level: Level, message: string, fields: LogFields | undefined) => void,
): Logger {
  const logger = {} as Record<Level, Logger['debug']>;
  for (const level of LEVELS) logger[level] = (message, fields) => write(level, message, fields);
  return logger as Logger;
}

/**
 * Adapts a pino logger (or a pino child): each record becomes `pino[level](fields, message)`,
 * so the fields are pino's structured properties and the message its `msg`. Which levels are
 * written is pino's `level`; the SDK still redacts every field first.
 *
 * @example
 * import pino from 'pino';
 * const client = createPlatformClient({ logger: fromPino(pino({ level: 'debug' })) });
 */
export function fromPino(pino: PinoLike): Logger {
  return build((level, message, fields) => pino[level](fields ?? {}, message));
}

/**
 * Adapts a winston logger: each record becomes `winston.log(level, message, fields)`, so the
 * fields are properties of the info object. Which levels are written is winston's `level`.
 *
 * @example
 * import winston from 'winston';
 * const client = createPlatformClient({ logger: fromWinston(winston.createLogger({ level: 'debug' })) });
 */
export function fromWinston(winston: WinstonLike): Logger {
  return build((level, message, fields) => winston.log(level, message, fields ?? {}));
}

/**
 * Adapts `console` (or any object with the same methods): `console[level](message, fields)`.
 * All levels are written; to filter, use {@link createLogger} with a `level` instead.
 *
 * @example
 * const client = createPlatformClient({ logger: fromConsole() });
 */
export function fromConsole(target: ConsoleLike = console): Logger {
  return build((level, message, fields) =>
    fields === undefined ? target[level](message) : target[level](message, fields),
  );
}

/**
 * @internal For JavaScript callers past the type check: a pino or winston instance given as
 * `logger` is adapted instead of losing its fields.
 */
export function adaptLogger(logger: Logger): Logger {
  const candidate = logger as unknown as Record<string, unknown>;
  if (typeof candidate['child'] !== 'function') return logger;
  if (typeof candidate['bindings'] === 'function') return fromPino(logger as unknown as PinoLike);
  if (typeof candidate['log'] === 'function' && 'transports' in candidate) {
    return fromWinston(logger as unknown as WinstonLike);
  }
  return logger;
}
