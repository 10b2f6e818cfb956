import type { Transport } from '@prakerja-kit/core';

/** SSO settings after defaults. */
export interface ResolvedSsoOptions {
  clientId: string;
  clientName: string;
  redirectUri: string | undefined;
  loginUri: string | undefined;
  scope: readonly string[];
  consentUrl: string;
  refreshPath: string;
  authorizationScheme: 'raw' | 'bearer';
  refreshMarginSeconds: number;
  signQuery: boolean;
}

/** What every resource shares: the signed transport, state secrets, defaults. */
export interface ProviderContext {
  transport: Transport;
  /** Secrets for state tokens: the first signs, all verify. */
  stateSecrets(): Promise<readonly string[]>;
  stateTtlSeconds: number;
  /** Whether the attendance return must carry the program's `state` when one was issued. */
  attendanceReturnState: 'required' | 'if-present';
  redirectUri: string | undefined;
  sso: ResolvedSsoOptions;
  /** Milliseconds since the epoch (the transport's clock, injectable in tests). */
  now(): number;
}
