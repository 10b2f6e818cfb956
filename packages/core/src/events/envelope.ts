import * as z from '../schema/index.js';

/** An event id: `evt_` and 26 characters (docs/events.md); redeliveries keep the id. */
export const eventIdSchema = z.string().check(z.regex(/^evt_[0-9A-Za-z_-]{26}$/));

/** An ISO-8601 UTC instant, e.g. `2026-11-24T07:00:00.000Z`. */
export const utcInstantSchema = z.iso.datetime();

/** An ISO-8601 instant in `data`; UTC (`Z`) or with an offset. */
export const instantSchema = z.iso.datetime({ offset: true });

/**
 * Builds the schema of one event type: the envelope `{ id, type, created_at, data }` with a
 * literal `type` and its `data` object.
 */
export function eventSchema<Type extends string, Data extends z.AnySchema>(type: Type, data: Data) {
  return z.object({
    id: eventIdSchema,
    type: z.literal(type),
    created_at: utcInstantSchema,
    data,
  });
}
