import { decideVerification, findVerification, VERIFICATION_PAGE_PATH } from './attendance.js';
import type { Engine } from './engine.js';
import { ControlFailure } from './program-failure.js';
import { isHttpUrl, withQuery } from './redirect-uris.js';
import { escapeHtml, htmlResponse, redirectResponse } from './responses.js';
import { CONSENT_PAGE_PATH, issueAuthCode } from './sso.js';

function page(title: string, body: string, status = 200): Response {
  return htmlResponse(
    `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
      '<meta name="viewport" content="width=device-width,initial-scale=1">' +
      '<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}' +
      'button{font-size:1rem;padding:.6rem 1.2rem;margin-right:.5rem}.note{color:#666}</style></head>' +
      `<body><p class="note">prakerja-kit sandbox: not the real Prakerja</p><h1>${escapeHtml(title)}</h1>${body}</body></html>`,
    status,
  );
}

function errorPage(error: ControlFailure): Response {
  return page(
    'Tidak dapat melanjutkan',
    `<p id="error">${escapeHtml(error.message)}</p>`,
    error.status,
  );
}

/** The parts of a request the pages read (the body is read once, under the size limit). */
export interface PageRequest {
  method: string;
  body: string;
}

/** Serves the verification page and the consent page; null when the path is neither. */
export function handlePage(engine: Engine, request: PageRequest, url: URL): Response | null {
  try {
    if (url.pathname === VERIFICATION_PAGE_PATH) return verificationPage(engine, request, url);
    if (url.pathname === CONSENT_PAGE_PATH) return consentPage(engine, request, url);
    return null;
  } catch (error) {
    if (error instanceof ControlFailure) return errorPage(error);
    throw error;
  }
}

function verificationPage(engine: Engine, request: PageRequest, url: URL): Response {
  if (request.method === 'POST') {
    const form = new URLSearchParams(request.body);
    const decision = form.get('decision');
    if (decision !== 'approve' && decision !== 'reject') {
      throw new ControlFailure('decision must be approve or reject');
    }
    const location = decideVerification(engine, form.get('state') ?? '', decision === 'approve');
    engine.changed();
    return redirectResponse(location);
  }
  const state = url.searchParams.get('state') ?? '';
  const verification = findVerification(engine, state);
  if (verification.status !== 'pending') {
    throw new ControlFailure(`verification "${state}" was already ${verification.status}`, 409);
  }
  const button = (decision: string, label: string) =>
    `<button type="submit" name="decision" value="${decision}" id="${decision}">${label}</button>`;
  return page(
    'Verifikasi Kehadiran',
    `<p>Kode redeem <strong id="redeem-code">${escapeHtml(verification.redeemCode)}</strong>, ` +
      `sequence <strong id="sequence">${verification.sequence}</strong>.</p>` +
      '<p>The face check is simulated: approve or reject.</p>' +
      `<form method="post" action="${VERIFICATION_PAGE_PATH}">` +
      `<input type="hidden" name="state" value="${escapeHtml(state)}">` +
      `${button('approve', 'Setujui (approve)')}${button('reject', 'Tolak (reject)')}</form>`,
  );
}

function consentPage(engine: Engine, request: PageRequest, url: URL): Response {
  const params = request.method === 'POST' ? new URLSearchParams(request.body) : url.searchParams;
  const clientId = params.get('client_id') ?? '';
  const redirectUri = params.get('redirect_uri') ?? '';
  const loginUri = params.get('login_uri') ?? '';
  const state = params.get('state') ?? '';
  const scope = params.get('scope') ?? '';
  for (const [name, value] of Object.entries({ clientId, redirectUri, loginUri, state, scope })) {
    if (!value) throw new ControlFailure(`missing query parameter ${name}`);
  }
  if (!isHttpUrl(redirectUri) || !isHttpUrl(loginUri)) {
    throw new ControlFailure('redirect_uri and login_uri must be http(s) URLs');
  }
  if (request.method === 'POST') {
    if (params.get('decision') !== 'allow') {
      return redirectResponse(withQuery(loginUri, { state, error: 'access_denied' }));
    }
    const code = issueAuthCode(engine, {
      clientId,
      prakerjaId: params.get('prakerja_id') ?? '',
      redirectUri,
      scope,
    });
    engine.changed();
    return redirectResponse(withQuery(redirectUri, { code, state }));
  }
  // Validate before showing the page, like the real consent page refuses unknown clients.
  const client = engine.fixtures.providers.find((item) => item.clientCode === clientId);
  if (!client) throw new ControlFailure(`unknown client_id "${clientId}"`);
  const hidden = Object.entries({
    client_id: clientId,
    redirect_uri: redirectUri,
    login_uri: loginUri,
    state,
    scope,
  })
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`)
    .join('');
  const options = engine.fixtures.participants
    .map(
      (participant, index) =>
        `<label><input type="radio" name="prakerja_id" value="${participant.prakerjaId}"${index === 0 ? ' checked' : ''}> ` +
        `${escapeHtml(participant.name)} (${participant.prakerjaId})</label><br>`,
    )
    .join('');
  return page(
    `Masuk ke ${params.get('client_name') ?? client.name}`,
    `<p>Scope: <code>${escapeHtml(scope)}</code></p><form method="post" action="${CONSENT_PAGE_PATH}">` +
      `${hidden}${options}<p><button type="submit" name="decision" value="allow" id="allow">Izinkan</button>` +
      '<button type="submit" name="decision" value="deny" id="deny">Tolak</button></p></form>',
  );
}
