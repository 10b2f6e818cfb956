import { type HttpHandler, http } from 'msw';
import { type DispatchResult, DROP } from './dispatch.js';

/**
 * msw 2 handlers that pass every request on the given origins to the dispatcher. A dropped
 * connection becomes `Response.error()`, which fetch reports as a network error.
 */
export function createHandlers(
  dispatch: (request: Request) => Promise<DispatchResult>,
  baseUrls: readonly string[],
): HttpHandler[] {
  return baseUrls.map((base) =>
    http.all(`${base.replace(/\/+$/, '')}/*`, async ({ request }) => {
      const result = await dispatch(request);
      return result === DROP ? Response.error() : result;
    }),
  );
}
