import type { RequestOptions, Transport } from '@prakerja-kit/core';
import { parseParams, toAmount } from '@prakerja-kit/core/internal';
import { QUOTA_SCHEDULE_PATH } from '../internal/paths.js';
import {
  type Quota,
  type QuotasRetrieveParams,
  quotaRetrieveParamsSchema,
  quotaWireSchema,
} from '../schemas/quota.js';

/** Remaining seats per schedule (program `payment/quota-schedule`). */
export interface QuotasResource {
  /**
   * Returns the seats left on one schedule. Read-only: retried freely on transient failures.
   *
   * Throws `RequestValidationError` naming the field before sending when a code is empty, and
   * `ProgramApiError` when the program refuses (e.g. `ERRPLT40036`, or an unknown schedule).
   *
   * @example
   * const { quota } = await client.quotas.retrieve({ courseCode, scheduleCode });
   */
  retrieve(params: QuotasRetrieveParams, options?: RequestOptions): Promise<Quota>;
}

/** @internal */
export function createQuotasResource(transport: Transport): QuotasResource {
  return {
    async retrieve(params, options) {
      const input = parseParams(quotaRetrieveParamsSchema, params, QUOTA_SCHEDULE_PATH);
      const { data } = await transport.request({
        method: 'POST',
        path: QUOTA_SCHEDULE_PATH,
        body: { course_code: input.courseCode, schedule_code: input.scheduleCode },
        readOnly: true,
        data: quotaWireSchema,
        options,
      });
      return {
        courseCode: data.course_code ?? input.courseCode,
        scheduleCode: data.schedule_code ?? input.scheduleCode,
        quota: toAmount(data.quota),
      };
    },
  };
}
