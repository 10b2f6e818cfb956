import type { RequestOptions } from '@prakerja-kit/core';
import type { SsoToken } from '../schemas/sso.js';

/** Keeps an SSO token fresh. */
export interface SsoTokenManager {
  /** The current token. */
  readonly token: SsoToken;
  /** The access token, refreshed first when it expires within `refreshMarginSeconds`. */
  getAccessToken(options?: RequestOptions): Promise<string>;
  /** Refreshes now. Concurrent callers share one refresh. */
  refresh(options?: RequestOptions): Promise<SsoToken>;
}

/** Options of `sso.createTokenManager`. */
export interface SsoTokenManagerOptions {
  /** Called with each new token, e.g. to store it in the session. */
  onRefresh?: ((token: SsoToken) => void | Promise<void>) | undefined;
}

/** What the token manager needs from the SSO resource. */
interface TokenManagerDeps {
  refresh(refreshToken: string, options?: RequestOptions): Promise<SsoToken>;
  nowSeconds(): number;
  marginSeconds: number;
  onRefresh: SsoTokenManagerOptions['onRefresh'];
}

/** Wraps a token so the access token is refreshed shortly before `expiresAt`, once for all callers. */
export function createSsoTokenManager(token: SsoToken, deps: TokenManagerDeps): SsoTokenManager {
  let current = token;
  let inflight: Promise<SsoToken> | undefined;
  const refresh = (options?: RequestOptions): Promise<SsoToken> => {
    inflight ??= deps
      .refresh(current.refreshToken, options)
      .then(async (fresh) => {
        current = fresh;
        await deps.onRefresh?.(fresh);
        return fresh;
      })
      .finally(() => {
        inflight = undefined;
      });
    return inflight;
  };
  return {
    get token() {
      return current;
    },
    async getAccessToken(options) {
      if (current.expiresAt - deps.marginSeconds <= deps.nowSeconds()) await refresh(options);
      return current.accessToken;
    },
    refresh,
  };
}
