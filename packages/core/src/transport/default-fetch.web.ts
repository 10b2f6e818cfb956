// The transport's default `fetch` outside Node (browsers, workers, edge runtimes): the platform's
// own, looked up on every call so a polyfill or instrumentation installed later is used.

/** Sends one request with `globalThis.fetch`. */
export function defaultFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  return globalThis.fetch(input, init);
}
