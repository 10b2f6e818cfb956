import type { Logger, LogLevel } from '@prakerja-kit/core';
import { createPlatformClient } from '@prakerja-kit/platform';

/** Your own structured logger (pino, winston...) behind the SDK's four-method interface. */
export function toSdkLogger(
  write: (level: LogLevel, message: string, fields?: object) => void,
): Logger {
  return {
    debug: (message, fields) => write('debug', message, fields),
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}

export function createProductionClient(
  env: Record<string, string | undefined>,
  write: (level: LogLevel, message: string, fields?: object) => void,
) {
  return createPlatformClient({
    // PRAKERJA_CLIENT_CODE and PRAKERJA_SIGN_KEY from your secret store; no PRAKERJA_BASE_URL
    // means https://api.prakerja.go.id. A missing or malformed value throws ConfigurationError.
    env,
    timeout: 15_000, // per attempt
    maxRetries: 2, // read-only calls only, or calls that certainly did not reach the program
    clock: { correctSkew: true, warnAfterSeconds: 30 }, // follow the program's Date header
    logger: toSdkLogger(write), // fields arrive redacted: no key, signature, OTP or token
    hooks: {
      onRetry: (event) =>
        write('info', 'prakerja retry', { path: event.path, reason: event.reason }),
    },
    reconcile: { attempts: 3, delayMs: 1_000 }, // after an ambiguous authorize or void
  });
}
