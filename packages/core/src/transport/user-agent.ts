/**
 * The `User-Agent` every request carries: `prakerja-kit-<package>/<version> <runtime>/<version>`,
 * e.g. `prakerja-kit-platform/0.1.0 node/22.11.0`, so the program's operators can tell SDK
 * traffic and its versions apart. A `User-Agent` header in the transport's `headers` option or in
 * a call's own headers wins (compared case-insensitively); in a browser, which does not let a page
 * set it, none is added.
 */

/** Replaced by each package's build (tsup `define`) with its package.json version. */
declare const __PRAKERJA_KIT_VERSION__: string | undefined;

/**
 * Where a client package names itself on the options it hands to `createTransport`, as
 * `'<package>/<version>'`: `createTransport({ ...options, [SDK_PACKAGE]: 'platform/0.1.0' })`.
 * Without it the transport names core. Typed `symbol` (not a unique symbol) so the key passes
 * `TransportOptions`' excess-property check without being part of the public options.
 * @internal
 */
export const SDK_PACKAGE: symbol = Symbol.for('prakerja-kit.package');

/** core's own version: the build's define, or `0.0.0-source` when run from the TypeScript. */
export const CORE_VERSION: string =
  typeof __PRAKERJA_KIT_VERSION__ === 'string' ? __PRAKERJA_KIT_VERSION__ : '0.0.0-source';

/** The globals the runtime is told apart by (a parameter so tests can pass fakes). */
export interface RuntimeGlobals {
  Deno?: { version?: { deno?: string } };
  Bun?: { version?: string };
  process?: { versions?: { node?: string } };
  navigator?: { userAgent?: string };
  document?: unknown;
}

/**
 * `<runtime>/<version>` of the running JavaScript runtime (`node/22.11.0`, `deno/2.1.4`,
 * `bun/1.2.0`; elsewhere the first word of `navigator.userAgent`, e.g. `cloudflare-workers`, or
 * `unknown`); `undefined` in a browser, which sends its own User-Agent.
 */
export function runtimeToken(
  globals: RuntimeGlobals = globalThis as RuntimeGlobals,
): string | undefined {
  const deno = globals.Deno?.version?.deno;
  const bun = globals.Bun?.version;
  const node = globals.process?.versions?.node;
  if (deno ?? bun ?? node) return deno ? `deno/${deno}` : bun ? `bun/${bun}` : `node/${node}`;
  if (globals.document !== undefined) return undefined;
  return globals.navigator?.userAgent?.split(' ')[0]?.toLowerCase() || 'unknown';
}

let runtime: string | undefined | null = null;

/** The default `User-Agent`, or `undefined` in a browser. */
export function defaultUserAgent(sdkPackage = `core/${CORE_VERSION}`): string | undefined {
  if (runtime === null) runtime = runtimeToken();
  return runtime && `prakerja-kit-${sdkPackage} ${runtime}`;
}

/**
 * The headers of one request: the transport's `headers` option, then the call's own headers, with
 * the default `User-Agent` first unless either already sets one (in any letter case).
 */
export function withUserAgent(
  options: { headers?: Readonly<Record<string, string>> | undefined },
  callHeaders?: Readonly<Record<string, string>>,
): Record<string, string> {
  const headers: Record<string, string> = { ...options.headers, ...callHeaders };
  for (const name in headers) if (name.toLowerCase() === 'user-agent') return headers;
  const sdkPackage = (options as { [key: symbol]: unknown })[SDK_PACKAGE];
  const agent = defaultUserAgent(typeof sdkPackage === 'string' ? sdkPackage : undefined);
  return agent === undefined ? headers : { 'User-Agent': agent, ...headers };
}
