import { type CapturedRequest, headerValue } from '../parse-capture.js';
import type { SignatureDiagnosis, SignatureFault } from '../signature-diagnosis.js';
import { FAULTS, fault } from './fault-catalog.js';

/** A timestamp header as Unix seconds (milliseconds and dates too), or null. */
export function timestampSeconds(timestamp: string): number | null {
  if (/^\d{13}$/.test(timestamp)) return Math.floor(Number(timestamp) / 1000);
  if (/^\d{1,12}$/.test(timestamp)) return Number(timestamp);
  const parsed = Date.parse(timestamp);
  return Number.isNaN(parsed) ? null : Math.floor(parsed / 1000);
}

/** The time the capture is judged against: the option, its `Date` header, or the clock. */
export function referenceTime(
  request: CapturedRequest,
  now: number | undefined,
): SignatureDiagnosis['reference'] {
  if (now !== undefined) return { time: now, source: 'option' };
  const date = headerValue(request, 'date');
  const parsed = date === undefined ? Number.NaN : Date.parse(date);
  if (!Number.isNaN(parsed)) return { time: Math.floor(parsed / 1000), source: 'date-header' };
  return { time: Math.floor(Date.now() / 1000), source: 'clock' };
}

const ZONES = [
  [7, 'WIB (UTC+7)'],
  [8, 'WITA (UTC+8)'],
  [9, 'WIT (UTC+9)'],
] as const;

/** The `timestamp-skew` fault, with the likeliest cause for its size. */
export function skewFault(
  skew: number,
  tolerance: number,
  source: SignatureDiagnosis['reference']['source'],
): SignatureFault {
  const direction = skew < 0 ? 'behind' : 'ahead of';
  const message = `the timestamp is ${formatDuration(Math.abs(skew))} ${direction} the reference time (${source === 'clock' ? 'now' : source === 'date-header' ? 'the Date header' : '--now'}; tolerance ${tolerance} s)`;
  for (const [hours, zone] of ZONES) {
    if (Math.abs(Math.abs(skew) - hours * 3600) <= 120) {
      return fault(
        'timestamp-skew',
        'observed',
        message,
        `an offset of ${hours} hours: the timestamp was built from local ${zone} wall-clock time as if it were UTC (or the other way round)`,
      );
    }
  }
  if (source === 'clock' && skew < 0) {
    return fault(
      'timestamp-skew',
      'observed',
      message,
      `${FAULTS['timestamp-skew'].cause}; if this capture is older than now, run the doctor with --now set to the Unix time it was sent`,
    );
  }
  return fault('timestamp-skew', 'observed', message);
}

function formatDuration(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}
