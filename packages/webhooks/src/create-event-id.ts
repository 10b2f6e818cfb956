const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * Creates an event id: `evt_` and a 26-character ULID (time-sortable, 80 random bits), as
 * docs/events.md specifies. Redeliveries of an event must reuse its id.
 *
 * @example
 * createEventId(); // 'evt_01JFZ3W4Q8D5N7R2X9K6M3B1CE'
 */
export function createEventId(now: number = Date.now()): string {
  let time = '';
  let rest = Math.floor(now);
  for (let index = 0; index < 10; index++) {
    time = CROCKFORD[rest % 32] + time;
    rest = Math.floor(rest / 32);
  }
  let random = '';
  for (const byte of crypto.getRandomValues(new Uint8Array(16))) random += CROCKFORD[byte % 32];
  return `evt_${time}${random}`;
}
