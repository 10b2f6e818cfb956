import { PRODUCTION_BASE_URL, PRODUCTION_SSO_BASE_URL } from './constants.js';
import { ConfigurationError } from './errors/configuration-error.js';

/** Credentials and hosts, from options or else the environment. */
export interface CredentialOptions {
  /** Your `client_code`. Falls back to `PRAKERJA_CLIENT_CODE`. */
  clientCode?: string | undefined;
  /** Your `sign_key`. Falls back to `PRAKERJA_SIGN_KEY`. Never logged. */
  signKey?: string | undefined;
  /**
   * Integration API origin. Falls back to `PRAKERJA_BASE_URL`.
   * @default 'https://api.prakerja.go.id'
   */
  baseUrl?: string | undefined;
  /**
   * SSO API origin. Falls back to `PRAKERJA_SSO_BASE_URL`, then to `baseUrl` when that was set
   * (the sandbox serves both), then to production.
   * @default 'https://api-proxy.prakerja.go.id'
   */
  ssoBaseUrl?: string | undefined;
  /** Environment to read; defaults to `process.env` where it exists. */
  env?: Readonly<Record<string, string | undefined>> | undefined;
}

/** Validated credentials and hosts. */
export interface ResolvedCredentials {
  clientCode: string;
  signKey: string;
  baseUrl: string;
  ssoBaseUrl: string;
}

/**
 * The environment the SDK reads `PRAKERJA_*` variables from: `env` when given, else
 * `process.env` where it exists (Node, Bun, Deno with compat), else nothing (browsers, workers).
 */
export function resolveEnv(
  env?: Readonly<Record<string, string | undefined>>,
): Readonly<Record<string, string | undefined>> {
  const candidate = (globalThis as { process?: { env?: Record<string, string | undefined> } })
    .process;
  return env ?? candidate?.env ?? {};
}

function origin(field: string, envName: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigurationError(
      field,
      `${field} (${envName}) is not a valid URL: use an origin such as ${PRODUCTION_BASE_URL}`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigurationError(field, `${field} (${envName}) must use https:// or http://`);
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw new ConfigurationError(
      field,
      `${field} (${envName}) must be an origin with no path or query (got path "${url.pathname}"): the program signs the endpoint path, so a prefix would break every signature`,
    );
  }
  return url.origin;
}

const QUOTES = new Set(['"', "'", '`']);

/**
 * Refuses a value padded with whitespace or wrapped in quotes, the two ways an env file (or a
 * copy from an email) damages a credential, with the fix in the message. `secret` keeps the value
 * out of the message.
 */
function checkWrapping(field: string, envName: string, value: string, secret: boolean): void {
  const shown = secret ? 'its value is not shown' : `got ${JSON.stringify(value).slice(0, 40)}`;
  if (value.trim() !== value) {
    throw new ConfigurationError(
      field,
      `${field} has whitespace or a newline around it: trim it (in an env file write ${envName}=value with nothing after the value; a file saved with Windows line endings leaves a \\r); ${shown}`,
    );
  }
  const first = value[0] ?? '';
  const last = value.at(-1) ?? '';
  if (QUOTES.has(first) || QUOTES.has(last)) {
    throw new ConfigurationError(
      field,
      `${field} starts or ends with a quote: remove the quotes (${envName}=value, not ${envName}="value"; docker --env-file, systemd EnvironmentFile and Kubernetes keep quotes as part of the value); ${shown}`,
    );
  }
}

/**
 * Resolves credentials from options, else `PRAKERJA_CLIENT_CODE`, `PRAKERJA_SIGN_KEY` and
 * `PRAKERJA_BASE_URL`.
 *
 * Throws {@link ConfigurationError} naming the missing or malformed field and the fix (a value
 * padded with whitespace or wrapped in quotes from an env file is refused); the message never
 * contains the key.
 */
export function resolveCredentials(options: CredentialOptions = {}): ResolvedCredentials {
  const env = resolveEnv(options.env);
  const clientCode = options.clientCode ?? env['PRAKERJA_CLIENT_CODE'];
  const signKey = options.signKey ?? env['PRAKERJA_SIGN_KEY'];
  if (clientCode === undefined || clientCode === '') {
    throw new ConfigurationError(
      'clientCode',
      'clientCode is missing: pass { clientCode } or set PRAKERJA_CLIENT_CODE (Prakerja emails it with your sign key)',
    );
  }
  checkWrapping('clientCode', 'PRAKERJA_CLIENT_CODE', clientCode, false);
  if (!/^[\x21-\x7e]{1,128}$/.test(clientCode)) {
    throw new ConfigurationError(
      'clientCode',
      'clientCode must be 1-128 printable ASCII characters with no spaces (check for a stray newline or quote from your env file)',
    );
  }
  if (signKey === undefined || signKey === '') {
    throw new ConfigurationError(
      'signKey',
      'signKey is missing: pass { signKey } or set PRAKERJA_SIGN_KEY',
    );
  }
  checkWrapping('signKey', 'PRAKERJA_SIGN_KEY', signKey, true);
  if (!/^[\x21-\x7e]{1,512}$/.test(signKey)) {
    throw new ConfigurationError(
      'signKey',
      'signKey must be 1-512 printable ASCII characters with no spaces (check for a stray newline or quote from your env file); its value is not shown',
    );
  }
  const baseUrlInput = options.baseUrl ?? env['PRAKERJA_BASE_URL'];
  const baseUrl = origin('baseUrl', 'PRAKERJA_BASE_URL', baseUrlInput ?? PRODUCTION_BASE_URL);
  const ssoInput = options.ssoBaseUrl ?? env['PRAKERJA_SSO_BASE_URL'];
  const ssoBaseUrl = origin(
    'ssoBaseUrl',
    'PRAKERJA_SSO_BASE_URL',
    ssoInput ?? (baseUrlInput === undefined ? PRODUCTION_SSO_BASE_URL : baseUrl),
  );
  return { clientCode, signKey, baseUrl, ssoBaseUrl };
}
