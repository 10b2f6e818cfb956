import * as z from '@prakerja-kit/core/internal/schema';
import { optionalStringSchema as optionalString, requiredString, urlSchema } from './common.js';

/** A string or a number (ids, timestamps), without a union's zod code. */
const stringOrNumber = z.custom<string | number>(
  (value) => typeof value === 'string' || typeof value === 'number',
  'expected a string or a number',
);
const optionalId = z.optional(z.nullable(stringOrNumber));
const idToString = (value: string | number | null | undefined) =>
  value == null ? undefined : String(value);

/** Profile fields an LP may ask for (program-api.md §4.12). */
export type SsoScope = 'name' | 'email' | 'prakerjaid' | 'notelp';

/** Every profile field: `name email prakerjaid notelp`. */
export const DEFAULT_SSO_SCOPE: readonly SsoScope[] = ['name', 'email', 'prakerjaid', 'notelp'];

/** Params shared by the consent and login URL builders. */
export const ssoUrlParamsSchema = z.object({
  redirectUri: z.optional(urlSchema),
  loginUri: z.optional(urlSchema),
  scope: z.optional(
    z.custom<string[]>(
      (value) =>
        Array.isArray(value) &&
        value.length > 0 &&
        value.every((item) => typeof item === 'string' && /^\S+$/.test(item)),
      {
        message: 'expected a non-empty list of scope words without spaces, e.g. ["name", "email"]',
      },
    ),
  ),
});

/** Params of `sso.createLoginUrl`. */
export type SsoCreateLoginUrlParams = z.input<typeof ssoUrlParamsSchema>;

/** Params of `sso.createConsentUrl` (the same as {@link SsoCreateLoginUrlParams}). */
export type SsoCreateConsentUrlParams = SsoCreateLoginUrlParams;

/** Params of `sso.createToken` (`oauth/token`, program-api.md §4.14). */
export const ssoCreateTokenParamsSchema = z.object({
  code: requiredString(
    'expected a non-empty string: the authorization code (`code`) from the SSO redirect',
  ),
});

/** Params of `sso.createToken`. */
export type SsoCreateTokenParams = z.input<typeof ssoCreateTokenParamsSchema>;

/** Params of `sso.refreshToken` (program-api.md §4.15). */
export const ssoRefreshTokenParamsSchema = z.object({
  refreshToken: requiredString(
    'expected a non-empty string: the refresh token from sso.createToken or sso.refreshToken',
  ),
});

/** Params of `sso.refreshToken`. */
export type SsoRefreshTokenParams = z.input<typeof ssoRefreshTokenParamsSchema>;

/** Params of `sso.retrieveProfile` (program-api.md §4.16). */
export const ssoRetrieveProfileParamsSchema = z.object({
  accessToken: requiredString(
    'expected a non-empty string: the access token from sso.createToken or sso.refreshToken',
  ),
});

/** Params of `sso.retrieveProfile`. */
export type SsoRetrieveProfileParams = z.input<typeof ssoRetrieveProfileParamsSchema>;

/** `data` of `oauth/authorize` (§4.13). */
export const ssoLoginUrlSchema = z.object({ redirect_url: urlSchema });

/** `data` of `oauth/token` and the refresh call, on the wire (§4.14). */
export const ssoTokenWireSchema = z.looseObject({
  access_token: z.string().check(z.refine((value) => value.length > 0)),
  expires_in: stringOrNumber,
  refresh_token: z.string(),
  scope: optionalString,
  token_type: optionalString,
});

/** Token `data` as sent. */
export type SsoTokenWire = z.output<typeof ssoTokenWireSchema>;

/** Tokens from `oauth/token`, mapped. */
export interface SsoToken {
  /** Sent as `Authorization` to the profile call. */
  accessToken: string;
  /** Exchanged for a new token before `expiresAt`. */
  refreshToken: string;
  /** Expiry of the access token, Unix seconds (from `expires_in`, which is a timestamp). */
  expiresAt: number;
  /** Granted scope, as sent. */
  scope: string | undefined;
  /** `Bearer`, as sent. */
  tokenType: string | undefined;
}

/** `data` of `resource/user_profile` (§4.16), as sent; {@link toSsoProfile} maps it. */
export const ssoProfileSchema = z.looseObject({
  dp_user_id: optionalId,
  email: optionalString,
  name: optionalString,
  no_prakerja: optionalId,
  phone_number: optionalId,
  user_id: optionalId,
});

/** Maps {@link ssoProfileSchema} output to camelCase, ids as strings. */
export function toSsoProfile(data: z.output<typeof ssoProfileSchema>) {
  return {
    dpUserId: idToString(data.dp_user_id),
    email: data.email ?? undefined,
    name: data.name ?? undefined,
    prakerjaNumber: idToString(data.no_prakerja),
    phoneNumber: idToString(data.phone_number),
    userId: idToString(data.user_id),
  };
}

/** A participant's Prakerja profile. */
export type SsoProfile = ReturnType<typeof toSsoProfile>;
