import { PROGRAM_ERRORS, type ProgramErrorCode } from '@prakerja-kit/core';

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

/** A JSON response. */
export function jsonResponse(
  body: unknown,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } });
}

/** The program's error envelope `{ code, message, success: false }` with the catalogue status. */
export function programErrorResponse(
  code: ProgramErrorCode,
  headers: Record<string, string> = {},
): Response {
  const info = PROGRAM_ERRORS[code];
  return jsonResponse({ code, message: info.message, success: false }, info.status, headers);
}

/** The integration success envelope `{ success: true, message, data }`. */
export function successResponse(message: string, data?: unknown): Response {
  return jsonResponse(
    data === undefined ? { success: true, message } : { success: true, message, data },
  );
}

/** The SSO success envelope `{ message: 'no error', success: true, errorCode: '0', data }`. */
export function ssoSuccessResponse(data: unknown): Response {
  return jsonResponse({ message: 'no error', success: true, errorCode: '0', data });
}

/** An HTML page. */
export function htmlResponse(html: string, status = 200): Response {
  return new Response(html, { status, headers: { 'content-type': 'text/html; charset=utf-8' } });
}

/** A `303 See Other` redirect (the browser follows it with GET). */
export function redirectResponse(location: string): Response {
  return new Response(null, { status: 303, headers: { location } });
}

/** Escapes text for HTML. */
export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
