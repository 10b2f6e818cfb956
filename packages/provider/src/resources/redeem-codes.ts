import { ProgramPath, type RequestOptions } from '@prakerja-kit/core';
import { parseParams } from '@prakerja-kit/core/internal';
import * as z from '@prakerja-kit/core/internal/schema';
import type { ProviderContext } from '../internal/context.js';
import {
  type RedeemCodesCommitResult,
  redeemCommitSchema,
  toRedeemCommitResult,
} from '../schemas/attendance.js';
import { redeemCodeSchema } from '../schemas/common.js';

/** Params of `redeemCodes.commit`. */
export interface RedeemCodesCommitParams {
  /** The participant's redeem code. */
  redeemCode: string;
}

const commitParamsSchema = z.object({ redeemCode: redeemCodeSchema });

/** The legacy (2022) redeem flow. */
export interface RedeemCodesResource {
  /**
   * Marks a redeem code as used (`POST /api/v1/integration/payment/redeem-code/commit`).
   *
   * @deprecated The 2022 flow, absent from the current program docs and probably superseded by
   * `attendance.createVerificationUrl` with sequence 1 (program-api.md §4.17). Whether the
   * program still accepts it is unknown; use it only for an LP already integrated that way.
   */
  commit(
    params: RedeemCodesCommitParams,
    options?: RequestOptions,
  ): Promise<RedeemCodesCommitResult>;
}

/** Builds the legacy redeem-codes resource. */
export function createRedeemCodesResource(context: ProviderContext): RedeemCodesResource {
  return {
    async commit(params, options) {
      const input = parseParams(commitParamsSchema, params, ProgramPath.REDEEM_COMMIT);
      const response = await context.transport.request({
        method: 'POST',
        path: ProgramPath.REDEEM_COMMIT,
        body: { redeem_code: input.redeemCode },
        readOnly: false,
        data: redeemCommitSchema,
        options,
      });
      return toRedeemCommitResult(response.data);
    },
  };
}
