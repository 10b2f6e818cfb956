/**
 * The query of the URL the browser came back on: a `URL`, a `URLSearchParams`, or a string, which
 * may be relative (`request.url` in node:http) and is then resolved against a dummy origin.
 */
export function returnQuery(returnUrl: string | URL | URLSearchParams): URLSearchParams {
  if (returnUrl instanceof URLSearchParams) return returnUrl;
  return (returnUrl instanceof URL ? returnUrl : new URL(returnUrl, 'http://localhost'))
    .searchParams;
}
