/** The largest delivery body read by default: 1 MiB (events are a few KB). */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** How long the Node adapter waits for a whole body by default: 10 s. */
export const DEFAULT_READ_TIMEOUT_MS = 10_000;
