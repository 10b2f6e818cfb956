// The event model lives in @prakerja-kit/core/events; re-exported for imports of this module.
export type { AttendanceVerifiedEvent } from '@prakerja-kit/core/events';
export { attendanceVerifiedEventSchema } from '@prakerja-kit/core/events';
