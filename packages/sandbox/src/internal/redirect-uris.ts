import type { SandboxClient } from '../sandbox-fixtures.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * True when `uri` matches one of the client's registered redirect URIs: same scheme, host and
 * path (the query is ignored). A loopback registration matches any port (RFC 8252 §7.3), so
 * local LP servers on port 0 work without registering each port.
 */
export function isRegisteredRedirectUri(client: SandboxClient, uri: string): boolean {
  let candidate: URL;
  try {
    candidate = new URL(uri);
  } catch {
    return false;
  }
  if (candidate.protocol !== 'http:' && candidate.protocol !== 'https:') return false;
  return client.redirectUris.some((registered) => {
    const url = new URL(registered);
    if (url.protocol !== candidate.protocol || url.pathname !== candidate.pathname) return false;
    if (url.hostname !== candidate.hostname) return false;
    return LOOPBACK.has(url.hostname) || url.port === candidate.port;
  });
}

/** `uri` with `params` added to its query. */
export function withQuery(uri: string, params: Record<string, string>): string {
  const url = new URL(uri);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.toString();
}

/** True for an absolute `http:` or `https:` URL: the only URIs the sandbox redirects a browser to. */
export function isHttpUrl(uri: string): boolean {
  try {
    const { protocol } = new URL(uri);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
