/** True when the request prefers HTML (a browser), so `/` serves the dashboard. */
export function wantsHtml(headers: Headers): boolean {
  return /\btext\/html\b/i.test(headers.get('accept') ?? '');
}

const TABS: Array<[id: string, label: string]> = [
  ['overview', 'Overview'],
  ['participants', 'Participants (peserta)'],
  ['catalogue', 'Catalogue (pelatihan)'],
  ['transactions', 'Transactions'],
  ['sms', 'SMS inbox (OTP)'],
  ['attendance', 'Attendance (kehadiran)'],
  ['assignments', 'Assignments (tugas)'],
  ['events', 'Events and deliveries'],
  ['faults', 'Faults'],
  ['requests', 'Request log'],
];

const FAULT_KIND_OPTIONS = [
  'latency',
  'error',
  'rate-limit',
  'drop-before',
  'drop-after-commit',
  'late-commit',
  'clock-skew',
]
  .map((kind) => `<option value="${kind}">${kind}</option>`)
  .join('');

/** The dashboard page: static markup only; every piece of data is set by app.js as text. */
export function dashboardHtml(): string {
  const tabs = TABS.map(
    ([id, label], index) =>
      `<button type="button" role="tab" id="tab-${id}" aria-controls="panel-${id}" aria-selected="${index === 0}" tabindex="${index === 0 ? 0 : -1}" data-tab="${id}">${label}</button>`,
  ).join('');
  const panel = (id: string, body: string) =>
    `<section role="tabpanel" id="panel-${id}" aria-labelledby="tab-${id}" tabindex="0"${id === 'overview' ? '' : ' hidden'}>${body}</section>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>prakerja-kit sandbox dashboard</title>
<link rel="stylesheet" href="/__sandbox/ui/app.css">
<script type="module" src="/__sandbox/ui/app.js"></script>
</head>
<body>
<header>
  <h1>prakerja-kit sandbox</h1>
  <p class="note">A simulator of the Kartu Prakerja program API: not the real Prakerja. Everything here goes through the control plane at <code>/__sandbox</code>.</p>
  <p class="live"><span id="live-status" role="status" aria-live="polite">connecting…</span> <span id="clock-badge"></span></p>
  <p id="message" role="alert" aria-live="assertive"></p>
</header>
<nav role="tablist" aria-label="Dashboard pages">${tabs}</nav>
<main>
${panel(
  'overview',
  `<h2>Overview</h2>
  <div class="grid">
  <div class="card">
    <h3>Sandbox clock (waktu sandbox)</h3>
    <p>Now: <strong id="clock-now"></strong></p>
    <form id="clock-advance-form" class="row">
      <label>Advance by <input id="clock-amount" name="amount" type="number" min="0" step="1" value="1" required></label>
      <label>Unit <select id="clock-unit" name="unit"><option value="minutes">minutes</option><option value="hours" selected>hours</option><option value="days">days</option></select></label>
      <button type="submit" id="clock-advance">Advance</button>
    </form>
    <form id="clock-set-form" class="row">
      <label>Set to (ISO-8601) <input id="clock-set-value" name="now" type="text" size="26" required></label>
      <button type="submit" id="clock-set">Set clock</button>
    </form>
  </div>
  <div class="card">
    <h3>Profile</h3>
    <p>Active: <strong id="profile-name"></strong></p>
    <form id="profile-form" class="row">
      <label>Switch to <select id="profile-select" name="name"></select></label>
      <button type="submit" id="profile-apply">Apply profile</button>
    </form>
    <p class="small">A profile decides how the sandbox answers where the program's docs leave a choice.</p>
    <details><summary>Switches</summary><dl id="profile-switches" class="counts small"></dl></details>
    <button type="button" id="reset" class="danger">Reset to the seeded state</button>
  </div>
  <div class="card"><h3>Counts</h3><dl id="counts" class="counts"></dl></div>
  </div>
  <h3>Credentials (fake, sandbox only)</h3>
  <p class="small">DP = digital platform (the marketplace selling courses); LP = lembaga pelatihan (training provider).</p>
  <div id="credentials" class="grid"></div>`,
)}
${panel('participants', '<h2>Participants (peserta)</h2><div id="participants-data"></div>')}
${panel(
  'catalogue',
  '<h2>Catalogue</h2><h3>Courses (pelatihan)</h3><div id="courses-data"></div><h3>Schedules (jadwal)</h3><div id="schedules-data"></div>',
)}
${panel(
  'transactions',
  '<h2>Transactions (pembelian)</h2><p class="small">Every purchase, newest first. Void (batal) as the DP would with <code>payment/void</code>.</p><div id="transactions-data"></div>',
)}
${panel(
  'sms',
  '<h2>SMS inbox</h2><p class="small">One-time passwords (OTP) sent by <code>payment/send-otp</code>, newest first.</p><div class="row"><label>Participant <select id="sms-filter"><option value="">all</option></select></label></div><div id="sms-data"></div>',
)}
${panel(
  'attendance',
  '<h2>Attendance (kehadiran)</h2><h3>Verifications started by <code>url-generate</code></h3><p class="small">Approve or reject stands in for the face check (verifikasi wajah).</p><div id="verifications-data"></div><h3>Kode redeem (redeem codes)</h3><p class="small">Sequence 999 is the post-test.</p><div id="redeem-codes-data"></div>',
)}
${panel(
  'assignments',
  '<h2>Assignments</h2><p class="small">TPM = tugas praktik mandiri (independent practical assignment); UK = Unjuk Keterampilan (the final skills test, sequence 999). The LP\'s feedback carries grading notes; acceptance is the program\'s verdict, given here.</p><div id="assignments-data"></div>',
)}
${panel(
  'events',
  `<h2>Events and deliveries</h2>
  <h3>Webhook endpoints</h3>
  <form id="webhook-form" class="row">
    <label>URL <input id="webhook-url" name="url" type="url" size="40" placeholder="http://127.0.0.1:3000/webhooks" required></label>
    <label>Event types (comma-separated, empty for all) <input id="webhook-events" name="events" type="text" size="30"></label>
    <button type="submit" id="webhook-add">Add endpoint</button>
  </form>
  <div id="webhooks-data"></div>
  <h3>Deliveries</h3><div id="deliveries-data"></div>
  <h3>Events</h3><div id="events-data"></div>`,
)}
${panel(
  'faults',
  `<h2>Faults</h2>
  <form id="fault-form" class="fault-form">
    <label>Kind <select id="fault-kind" name="kind">${FAULT_KIND_OPTIONS}</select></label>
    <label>Path (* for every path) <input id="fault-path" name="path" type="text" value="*" size="30"></label>
    <label>Method <input id="fault-method" name="method" type="text" value="*" size="6"></label>
    <label>Times (empty: until removed) <input id="fault-times" name="times" type="number" min="1" step="1" value="1"></label>
    <label>Latency (ms) <input id="fault-latency" name="latencyMs" type="number" min="0" max="120000" step="1"></label>
    <label>Status (5xx, for error) <input id="fault-status" name="status" type="number" min="500" max="599" step="1"></label>
    <label>Probability (0–1) <input id="fault-probability" name="probability" type="number" min="0" max="1" step="0.05"></label>
    <label>Clock skew (s) <input id="fault-skew" name="skewSeconds" type="number" step="1"></label>
    <button type="submit" id="fault-add">Add fault</button>
  </form>
  <p><button type="button" id="faults-clear" class="danger">Remove every fault</button></p>
  <div id="faults-data"></div>`,
)}
${panel(
  'requests',
  '<h2>Request log</h2><p class="small">The last program requests (not control-plane calls), newest first, with the signature check\'s verdict and, for a refused signature, what the doctor (<code>prakerja doctor</code>) says: the fault, its likely cause and the fix. The sign key and the signature are never shown.</p><p><button type="button" id="requests-clear">Clear the log</button></p><div id="requests-data"></div>',
)}
</main>
</body>
</html>`;
}

/** The dashboard style. */
export const APP_CSS = `
:root{--fg:#1d2330;--muted:#5b6475;--line:#d8dde6;--bg:#f6f7fa;--card:#fff;--accent:#0b5fcc;--ok:#137333;--bad:#b3261e;--warn:#8a5a00}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header{padding:.8rem 1.2rem .2rem;background:var(--card);border-bottom:1px solid var(--line)}
h1{font-size:1.25rem;margin:0}
h2{font-size:1.15rem;margin:.2rem 0 .6rem}
h3{font-size:1rem;margin:1rem 0 .4rem}
.note,.small{color:var(--muted);margin:.2rem 0}
.small{font-size:.85rem}
.live{margin:.2rem 0}
#live-status{font-weight:600}
#live-status.on{color:var(--ok)}
#live-status.off{color:var(--bad)}
#message{min-height:1.2em;margin:.2rem 0;color:var(--bad)}
#message.ok{color:var(--ok)}
nav{display:flex;flex-wrap:wrap;gap:.25rem;padding:.5rem 1.2rem;background:var(--card);border-bottom:1px solid var(--line);position:sticky;top:0;z-index:1}
nav button{border:1px solid var(--line);background:var(--bg);color:var(--fg);border-radius:6px;padding:.35rem .7rem;font:inherit;cursor:pointer}
nav button[aria-selected="true"]{background:var(--accent);border-color:var(--accent);color:#fff}
main{padding:.8rem 1.2rem 2rem;max-width:1400px}
section:focus{outline:none}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:.8rem}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.6rem .9rem}
.card h3{margin-top:.2rem}
.row{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin:.4rem 0}
.fault-form{display:grid;grid-template-columns:repeat(auto-fit,minmax(180px,1fr));gap:.5rem;align-items:end;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.6rem .9rem}
label{display:inline-flex;flex-direction:column;font-size:.85rem;color:var(--muted);gap:.15rem}
input,select{font:inherit;padding:.25rem .4rem;border:1px solid #b9c0cc;border-radius:4px;color:var(--fg);background:#fff}
button{font:inherit;padding:.3rem .7rem;border:1px solid var(--accent);background:var(--accent);color:#fff;border-radius:5px;cursor:pointer}
button:disabled{opacity:.45;cursor:not-allowed}
button.secondary,td button.secondary{background:#fff;color:var(--accent)}
button.danger{background:#fff;color:var(--bad);border-color:var(--bad)}
button:focus-visible,input:focus-visible,select:focus-visible,nav button:focus-visible{outline:3px solid #f0b400;outline-offset:1px}
table{border-collapse:collapse;width:100%;background:var(--card);border:1px solid var(--line);font-size:.88rem}
th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
th{background:#eef1f6;font-weight:600;position:sticky;top:2.6rem}
tbody tr:hover{background:#f3f7ff}
td code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.83rem;overflow-wrap:anywhere}
td.actions{white-space:nowrap}
td.actions button{margin-right:.25rem}
pre{max-height:9rem;background:#f0f2f6;border:1px solid var(--line);border-radius:6px;padding:.5rem;overflow:auto;margin:.3rem 0;font-size:.82rem;white-space:pre-wrap;word-break:break-all}
.status{display:inline-block;white-space:nowrap;padding:0 .4rem;border-radius:10px;font-size:.8rem;font-weight:600;background:#e8eaee}
.status.ok{background:#e3f4e8;color:var(--ok)}
.status.bad{background:#fbe7e6;color:var(--bad)}
.status.wait{background:#fff3d6;color:var(--warn)}
.otp{font-size:1.1rem;font-weight:700;letter-spacing:.1em;font-family:ui-monospace,monospace}
.counts{display:grid;grid-template-columns:auto auto;gap:.1rem .8rem;margin:0}
.counts dt{color:var(--muted)}
.counts dd{margin:0;font-weight:600}
.empty{color:var(--muted);font-style:italic;padding:.4rem 0}
.kv{display:grid;grid-template-columns:max-content minmax(0,1fr) auto;gap:.2rem .5rem;align-items:center}
.kv code{overflow-wrap:anywhere;min-width:0}
.card{min-width:0}
details{margin:.3rem 0}
summary{cursor:pointer;color:var(--accent)}
`;

/** The dashboard script: vanilla JS, reads and steers the sandbox only through `/__sandbox`. */
export const APP_JS = String.raw`
const CONTROL = '/__sandbox';
const state = { data: null, loading: false, again: false, tab: 'overview' };

// Every value reaches the page as text: nodes are built with text nodes, never parsed as markup.
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'onclick') node.addEventListener('click', value);
    else if (name === 'className') node.className = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}
const code = (value) => el('code', {}, value === null || value === undefined ? '' : String(value));
// What the receiver answered (headers and the first 2 KB of the body), shown as text.
function attemptResponse(a) {
  const headers = Object.entries(a.responseHeaders || {});
  const body = a.responseBody || '';
  if (headers.length === 0 && body === '') return null;
  return el(
    'details',
    { className: 'attempt-response', 'data-response': true },
    el('summary', {}, 'Response headers and body'),
    el('pre', { 'data-response-headers': true }, headers.map(([name, value]) => name + ': ' + value).join('\n')),
    el('pre', { 'data-response-body': true }, body + (a.responseBodyTruncated ? '\n… (first 2 KB)' : '')),
  );
}
const rupiah = (value) => 'Rp ' + Number(value).toLocaleString('id-ID');
const when = (iso) => (iso ? String(iso).replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '');
function badge(text, kind) {
  return el('span', { className: 'status ' + (kind || '') }, text);
}

function table(id, headers, rows, empty) {
  if (rows.length === 0) return el('p', { className: 'empty', id: id + '-empty' }, empty || 'Nothing yet.');
  return el(
    'table',
    { id },
    el('thead', {}, el('tr', {}, headers.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, rows.map((row) => el('tr', row.attrs || {}, row.cells.map((c) => (c instanceof Node && c.tagName === 'TD' ? c : el('td', {}, c)))))),
  );
}
function actions(...buttons) {
  return el('td', { className: 'actions' }, buttons);
}
function fill(id, ...nodes) {
  const target = document.getElementById(id);
  if (target) target.replaceChildren(...nodes);
}

function say(text, ok) {
  const node = document.getElementById('message');
  node.textContent = text;
  node.className = ok ? 'ok' : '';
}

async function api(method, path, body) {
  const response = await fetch(CONTROL + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) throw new Error((json && json.error) || method + ' ' + path + ': HTTP ' + response.status);
  return json;
}

// A button that calls the control plane; the stream then refreshes the page.
function action(label, run, attrs) {
  const button = el('button', Object.assign({ type: 'button' }, attrs || {}), label);
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const result = await run();
      // An approved or rejected verification: where the participant's browser would go back to.
      if (result && typeof result.redirectUrl === 'string') say(label + ': done. The browser would return to ' + result.redirectUrl, true);
      else say(label + ': done', true);
    } catch (error) {
      say(label + ': ' + error.message);
    } finally {
      button.disabled = false;
      refresh();
    }
  });
  return button;
}

function copyButton(text, label) {
  return el('button', {
    type: 'button',
    className: 'secondary',
    'aria-label': label,
    onclick: async () => {
      try {
        await navigator.clipboard.writeText(text);
        say('Copied: ' + label, true);
      } catch {
        say('Copy failed: select the text and copy it by hand');
      }
    },
  }, 'Copy');
}

async function refresh() {
  if (state.loading) {
    state.again = true;
    return;
  }
  state.loading = true;
  try {
    const [snapshot, clock, profile, requests] = await Promise.all([
      api('GET', '/state'),
      api('GET', '/clock'),
      api('GET', '/profile'),
      api('GET', '/requests?limit=100'),
    ]);
    state.data = { snapshot, clock, profile, requests };
    render();
  } catch (error) {
    say('Could not read the sandbox: ' + error.message);
  } finally {
    state.loading = false;
    if (state.again) {
      state.again = false;
      refresh();
    }
  }
}

function render() {
  const { snapshot: s, clock, profile, requests } = state.data;
  document.body.dataset.version = String((Number(document.body.dataset.version) || 0) + 1);
  renderOverview(s, clock, profile, requests);
  renderParticipants(s);
  renderCatalogue(s);
  renderTransactions(s);
  renderSms(s);
  renderAttendance(s);
  renderAssignments(s);
  renderEvents(s);
  renderFaults(s);
  renderRequests(requests);
}

// Sandbox time runs with wall time between changes: tick locally from the last reading.
let clockOffsetMs = null;
function tick() {
  if (clockOffsetMs === null) return;
  const now = new Date(Date.now() + clockOffsetMs).toISOString().replace(/\.\d+Z$/, 'Z');
  document.getElementById('clock-now').textContent = when(now);
  document.getElementById('clock-badge').textContent = 'sandbox time ' + when(now);
}

function renderOverview(s, clock, profile, requests) {
  clockOffsetMs = new Date(clock.now).getTime() - Date.now();
  tick();
  const setInput = document.getElementById('clock-set-value');
  if (!setInput.value) setInput.value = clock.now;
  const overrides = Object.entries(profile.overrides || {});
  document.getElementById('profile-name').textContent =
    profile.base + (overrides.length ? ' with ' + overrides.map(([k, v]) => k + '=' + v).join(', ') : '');
  const select = document.getElementById('profile-select');
  if (select.options.length === 0) {
    for (const name of profile.available) select.append(el('option', { value: name }, name));
  }
  if (document.activeElement !== select) select.value = profile.base;
  fill(
    'profile-switches',
    ...Object.entries(profile.switches || {}).flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, String(v))]),
  );
  const verifications = Object.values(s.verifications);
  const deliveries = s.deliveries;
  const counts = [
    ['Participants (peserta)', s.fixtures.participants.length],
    ['Courses (pelatihan)', s.fixtures.courses.length],
    ['Transactions', Object.keys(s.transactions).length],
    ['Kode redeem (redeem codes)', Object.keys(s.redeemCodes).length],
    ['SMS sent', s.sms.length],
    ['Verifications pending', verifications.filter((v) => v.status === 'pending').length],
    ['Assignments', s.assignments.length],
    ['Events', s.events.length],
    ['Deliveries failed', deliveries.filter((d) => d.status === 'failed').length],
    ['Faults active', s.faults.length],
    ['Requests logged', requests.length],
  ];
  fill('counts', ...counts.flatMap(([name, value]) => [el('dt', {}, name), el('dd', {}, String(value))]));
  const origin = location.origin;
  const clients = [...s.fixtures.platforms, ...s.fixtures.providers];
  fill(
    'credentials',
    ...clients.map((client) => {
      const role = client.role === 'dp' ? 'DP (digital platform)' : 'LP (lembaga pelatihan, training provider)';
      const env = [
        'PRAKERJA_BASE_URL=' + origin,
        ...(client.role === 'lp' ? ['PRAKERJA_SSO_BASE_URL=' + origin] : []),
        'PRAKERJA_CLIENT_CODE=' + client.clientCode,
        'PRAKERJA_SIGN_KEY=' + client.signKey,
      ].join('\n');
      return el(
        'div',
        { className: 'card credential', 'data-client': client.clientCode },
        el('h4', {}, role + ': ' + client.name),
        el(
          'div',
          { className: 'kv' },
          el('span', {}, 'client_code'),
          code(client.clientCode),
          copyButton(client.clientCode, 'client_code of ' + client.name),
          el('span', {}, 'sign_key'),
          code(client.signKey),
          copyButton(client.signKey, 'sign_key of ' + client.name),
        ),
        client.redirectUris.length
          ? el('p', { className: 'small' }, 'Redirect URIs: ', client.redirectUris.map((uri, i) => [i ? ', ' : '', code(uri)]))
          : null,
        el('p', { className: 'small' }, '.env snippet'),
        el('pre', { className: 'env' }, env),
        copyButton(env, '.env snippet of ' + client.name),
      );
    }),
  );
}

function renderParticipants(s) {
  const transactions = Object.values(s.transactions);
  const codes = Object.values(s.redeemCodes);
  fill(
    'participants-data',
    table(
      'participants-table',
      ['Name', 'Nomor Prakerja (Prakerja number)', 'Education / age', 'Balance now (saldo)', 'Balance at start', 'Purchases (invoice)', 'Kode redeem (redeem codes)', 'Notes'],
      s.fixtures.participants.map((p) => ({
        cells: [
          p.name,
          code(p.prakerjaId),
          p.education + ' / ' + p.age,
          rupiah(s.balances[p.prakerjaId] ?? p.balance),
          rupiah(p.balance),
          transactions.filter((t) => t.prakerjaId === p.prakerjaId).map((t, i) => [i ? ', ' : '', code(t.invoiceCode), t.status === 'VOID' ? ' (void)' : '']),
          codes.filter((r) => r.prakerjaId === p.prakerjaId).map((r, i) => [i ? ', ' : '', code(r.redeemCode)]),
          p.description,
        ],
      })),
    ),
  );
}

function renderCatalogue(s) {
  fill(
    'courses-data',
    table(
      'courses-table',
      ['Course code', 'Name', 'LP', 'Type', 'Price', 'Requirements'],
      s.fixtures.courses.map((c) => ({
        cells: [
          code(c.courseCode),
          c.name,
          code(c.provider),
          c.type === 'webinar' ? 'webinar (course_type 2)' : 'pembelajaran mandiri (self-paced, course_type 1)',
          rupiah(c.price),
          'age ' + c.requirements.minAge + '–' + c.requirements.maxAge + ', at least ' + c.requirements.minEducation,
        ],
      })),
    ),
  );
  fill(
    'schedules-data',
    table(
      'schedules-table',
      ['Schedule code', 'Course', 'Starts', 'Ends', 'Seats', 'Seats left (kuota)', 'About'],
      s.fixtures.schedules.map((sc) => ({
        attrs: { 'data-schedule': sc.scheduleCode },
        cells: [
          code(sc.scheduleCode),
          code(sc.courseCode),
          when(sc.startAt),
          when(sc.endAt),
          String(sc.seats),
          String(Math.max(0, sc.seats - (s.seatsTaken[sc.scheduleCode] || 0))),
          sc.description,
        ],
      })),
    ),
  );
}

function renderTransactions(s) {
  const list = Object.values(s.transactions).sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)));
  fill(
    'transactions-data',
    table(
      'transactions-table',
      ['Created', 'Invoice code', 'Transaction code', 'DP', 'Participant', 'Course / schedule', 'Amount', 'Status', 'Invoice URL (as text)', 'Kode redeem', 'Actions'],
      list.map((t) => ({
        attrs: { 'data-invoice': t.invoiceCode, 'data-status': t.status },
        cells: [
          when(t.createdAt),
          code(t.invoiceCode),
          code(t.transactionCode),
          code(t.clientCode),
          code(t.prakerjaId),
          [code(t.courseCode), ' / ', code(t.scheduleCode)],
          rupiah(t.amount),
          badge(t.status === 'VOID' ? 'VOID (batal)' : 'SUCCESS', t.status === 'VOID' ? 'bad' : 'ok'),
          code(t.invoiceUrl),
          code(t.redeemCode),
          actions(
            action('Void', () => api('POST', '/transactions/' + encodeURIComponent(t.transactionCode) + '/void'), {
              className: 'danger',
              disabled: t.status === 'VOID',
              'aria-label': 'Void transaction ' + t.transactionCode,
            }),
          ),
        ],
      })),
      'No purchases yet.',
    ),
  );
}

function renderSms(s) {
  const select = document.getElementById('sms-filter');
  if (select.options.length <= 1) {
    for (const p of s.fixtures.participants) select.append(el('option', { value: p.prakerjaId }, p.name + ' (' + p.prakerjaId + ')'));
  }
  const filter = select.value;
  const names = Object.fromEntries(s.fixtures.participants.map((p) => [p.prakerjaId, p.name]));
  const list = s.sms.filter((m) => !filter || m.prakerjaId === filter).slice().reverse();
  fill(
    'sms-data',
    table(
      'sms-table',
      ['Sent', 'Participant', 'Phone', 'OTP', 'Text'],
      list.map((m) => ({
        attrs: { 'data-prakerja-id': m.prakerjaId },
        cells: [when(m.sentAt), [names[m.prakerjaId] || '', ' ', code(m.prakerjaId)], code(m.phone), el('span', { className: 'otp' }, m.otp), m.text],
      })),
      'No SMS yet: a DP calls payment/send-otp to send one.',
    ),
  );
}

function sequenceLabel(n) {
  return Number(n) === 999 ? 'post-test (999)' : 'sequence ' + n;
}

function renderAttendance(s) {
  const verifications = Object.values(s.verifications).sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)));
  fill(
    'verifications-data',
    table(
      'verifications-table',
      ['Started', 'State', 'Kode redeem', 'Sequence', 'Email', 'Redirect URI (as text)', 'Status', 'Actions'],
      verifications.map((v) => ({
        attrs: { 'data-state': v.state, 'data-status': v.status },
        cells: [
          when(v.createdAt),
          code(v.state),
          code(v.redeemCode),
          sequenceLabel(v.sequence),
          v.email,
          code(v.redirectUri),
          badge(v.status, v.status === 'approved' ? 'ok' : v.status === 'rejected' ? 'bad' : 'wait'),
          actions(
            action('Approve (setujui)', () => api('POST', '/verifications/' + encodeURIComponent(v.state) + '/approve'), {
              disabled: v.status !== 'pending',
              'aria-label': 'Approve verification ' + v.state,
              'data-action': 'approve',
            }),
            action('Reject (tolak)', () => api('POST', '/verifications/' + encodeURIComponent(v.state) + '/reject'), {
              className: 'danger',
              disabled: v.status !== 'pending',
              'aria-label': 'Reject verification ' + v.state,
              'data-action': 'reject',
            }),
          ),
        ],
      })),
      'No verifications yet: an LP calls oauth/url-generate to start one.',
    ),
  );
  const codes = Object.values(s.redeemCodes).sort((a, b) => Number(Boolean(b.redeemedAt)) - Number(Boolean(a.redeemedAt)));
  fill(
    'redeem-codes-data',
    table(
      'redeem-codes-table',
      ['Kode redeem', 'Course', 'Participant', 'LP', 'Test case', 'Redeemed', 'Sequences (attendance_status)', 'Post-test', 'Completed', 'State'],
      codes.map((r) => {
        const seqs = Object.entries(r.attendance).filter(([n]) => n !== '999');
        const post = r.attendance['999'];
        return {
          attrs: { 'data-redeem-code': r.redeemCode },
          cells: [
            code(r.redeemCode),
            code(r.courseCode),
            code(r.prakerjaId),
            code(r.provider),
            r.testCase || '',
            when(r.redeemedAt),
            seqs.length
              ? seqs.map(([n, a], i) => [i ? ' ' : '', badge(n + ': ' + (a.status === 1 ? 'verified' : 'rejected'), a.status === 1 ? 'ok' : 'bad')])
              : 'none',
            post ? badge(post.status === 1 ? 'verified' : 'rejected', post.status === 1 ? 'ok' : 'bad') : 'not yet',
            when(r.completedAt),
            r.cancelled ? badge('cancelled (void)', 'bad') : '',
          ],
        };
      }),
    ),
  );
}

const SUBMISSION_STATUS = {
  0: 'belum (not submitted)',
  1: 'menunggu (pending verdict)',
  2: 'diterima (accepted)',
  3: 'ditolak (rejected)',
};

function renderAssignments(s) {
  const list = s.assignments.slice().reverse();
  const latest = {};
  for (const a of s.assignments) if (a.kind === 'submission') latest[a.redeemCode + '|' + a.scope + '|' + a.sequence] = a.id;
  fill(
    'assignments-data',
    table(
      'assignments-table',
      ['At', 'Kind', 'Kode redeem', 'Scope', 'Sequence', 'File URL (as text)', 'Notes (catatan)', 'Status', "Program's verdict"],
      list.map((a) => {
        const target = { redeemCode: a.redeemCode, scope: a.scope, sequence: a.sequence };
        const isLatest = a.kind === 'submission' && latest[a.redeemCode + '|' + a.scope + '|' + a.sequence] === a.id;
        return {
          attrs: { 'data-assignment': String(a.id), 'data-status': String(a.status) },
          cells: [
            when(a.at),
            a.kind === 'submission' ? 'submission (participant)' : 'feedback (LP notes)',
            code(a.redeemCode),
            a.scope === 'tpm' ? 'TPM (tugas praktik mandiri)' : 'UK (Unjuk Keterampilan)',
            sequenceLabel(a.sequence),
            a.urlFile ? code(a.urlFile) : '',
            a.notes || '',
            badge(SUBMISSION_STATUS[a.status] || String(a.status), a.status === 2 ? 'ok' : a.status === 3 ? 'bad' : 'wait'),
            isLatest
              ? actions(
                  action('Accept (terima)', () => api('POST', '/assignments/accept', target), { 'aria-label': 'Accept submission ' + a.id, 'data-action': 'accept' }),
                  action('Reject (tolak)', () => api('POST', '/assignments/reject', target), { className: 'danger', 'aria-label': 'Reject submission ' + a.id, 'data-action': 'reject' }),
                )
              : '',
          ],
        };
      }),
      'No submissions or feedback yet.',
    ),
  );
}

function renderEvents(s) {
  const endpoints = Object.values(s.webhooks);
  fill(
    'webhooks-data',
    table(
      'webhooks-table',
      ['Id', 'URL (as text)', 'Events', 'Secret', 'Actions'],
      endpoints.map((w) => ({
        attrs: { 'data-endpoint': w.id },
        cells: [
          code(w.id),
          code(w.url),
          w.events ? w.events.join(', ') : 'all',
          [code(w.secret), ' ', copyButton(w.secret, 'secret of ' + w.id)],
          actions(action('Remove', () => api('DELETE', '/webhooks/' + encodeURIComponent(w.id)), { className: 'danger', 'aria-label': 'Remove endpoint ' + w.id })),
        ],
      })),
      'No endpoints: add one to receive signed events.',
    ),
  );
  const deliveries = s.deliveries.slice().reverse();
  fill(
    'deliveries-data',
    table(
      'deliveries-table',
      ['Id', 'Event', 'Endpoint URL', 'Status', 'Attempts', 'Next attempt', 'Actions'],
      deliveries.map((d) => ({
        attrs: { 'data-delivery': d.id, 'data-status': d.status, 'data-attempts': String(d.attempts.length) },
        cells: [
          code(d.id),
          [d.eventType, ' ', code(d.eventId)],
          code(d.url),
          badge(d.status, d.status === 'succeeded' ? 'ok' : d.status === 'failed' ? 'bad' : 'wait'),
          d.attempts.length
            ? el('ol', { className: 'attempts' }, d.attempts.map((a) => el('li', {}, when(a.at) + ': ' + (a.statusCode === null ? 'no response' : 'HTTP ' + a.statusCode) + (a.error ? ' (' + a.error + ')' : '') + ', ' + a.durationMs + ' ms', attemptResponse(a))))
            : 'none yet',
          d.nextAttemptAt ? when(new Date(d.nextAttemptAt).toISOString()) : '',
          actions(action('Redeliver', () => api('POST', '/deliveries/' + encodeURIComponent(d.id) + '/redeliver'), { className: 'secondary', 'aria-label': 'Redeliver ' + d.id, 'data-action': 'redeliver' })),
        ],
      })),
      'No deliveries yet.',
    ),
  );
  const events = s.events.slice().reverse();
  fill(
    'events-data',
    table(
      'events-table',
      ['Created', 'Type', 'Id', 'Data'],
      events.map((e) => ({ attrs: { 'data-event': e.id }, cells: [when(e.created_at), e.type, code(e.id), el('pre', {}, JSON.stringify(e.data, null, 2))] })),
      'No events yet.',
    ),
  );
}

function renderFaults(s) {
  fill(
    'faults-data',
    table(
      'faults-table',
      ['Id', 'Kind', 'Method', 'Path', 'Requests left', 'Probability', 'Latency', 'Status', 'Skew', 'Hits', 'Actions'],
      s.faults.map((f) => ({
        attrs: { 'data-fault': f.id, 'data-kind': f.kind, 'data-hits': String(f.hits) },
        cells: [
          code(f.id),
          f.kind,
          f.method,
          code(f.path),
          f.remaining === null ? 'until removed' : f.remaining === 0 ? '0 (spent)' : String(f.remaining),
          String(f.probability),
          f.latencyMs + ' ms',
          String(f.status),
          f.skewSeconds + ' s',
          String(f.hits),
          actions(action('Remove', () => api('DELETE', '/faults/' + encodeURIComponent(f.id)), { className: 'danger', 'aria-label': 'Remove fault ' + f.id })),
        ],
      })),
      'No faults: every program request is answered normally.',
    ),
  );
}

const VERDICT = {
  valid: ['valid', 'ok'],
  invalid: ['invalid signature', 'bad'],
  'timestamp-out-of-window': ['timestamp out of window', 'bad'],
  'missing-headers': ['missing headers', 'bad'],
  'unknown-client': ['unknown client', 'bad'],
  'not-checked': ['not checked', ''],
};

// The one-line hint, then what the doctor (diagnoseSignature) says about a refused signature.
function doctorSays(r) {
  if (!r.doctor) return r.hint || '';
  const d = r.doctor;
  return el(
    'div',
    { className: 'doctor', 'data-doctor': d.outcome },
    // The one-line hint only when the doctor could not say more.
    r.hint && d.outcome !== 'diagnosed' ? el('p', { className: 'small' }, r.hint) : null,
    el('p', {}, el('strong', {}, 'The doctor says: '), d.faults.length === 0 ? d.text : null),
    d.faults.length === 0
      ? null
      : el(
          'ul',
          {},
          d.faults.map((f) =>
            el(
              'li',
              { 'data-fault': f.code },
              code(f.code), ' ', f.message,
              el('br', {}), 'Cause: ', f.cause,
              el('br', {}), 'Fix: ', f.fix,
            ),
          ),
        ),
  );
}

function renderRequests(requests) {
  fill(
    'requests-data',
    table(
      'requests-table',
      ['At', 'Method', 'Path', 'Client', 'Status', 'Latency', 'Signature', 'Code', 'What to check'],
      requests.map((r) => {
        const verdict = VERDICT[r.signature] || [r.signature, ''];
        return {
          attrs: { 'data-request': String(r.id), 'data-path': r.path },
          cells: [
            when(r.at),
            r.method,
            code(r.path),
            r.client ? code(r.client) : '',
            badge(r.status === 0 ? 'dropped' : String(r.status), r.status >= 200 && r.status < 300 ? 'ok' : 'bad'),
            r.latencyMs + ' ms',
            badge(verdict[0], verdict[1]),
            r.code ? code(r.code) : '',
            doctorSays(r),
          ],
        };
      }),
      'No program requests yet.',
    ),
  );
}

function selectTab(id, focus) {
  state.tab = id;
  for (const tab of document.querySelectorAll('[role="tab"]')) {
    const selected = tab.dataset.tab === id;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
    if (selected && focus) tab.focus();
    document.getElementById('panel-' + tab.dataset.tab).hidden = !selected;
  }
  if (location.hash !== '#' + id) history.replaceState(null, '', '#' + id);
}

function setupTabs() {
  const tabs = [...document.querySelectorAll('[role="tab"]')];
  for (const [index, tab] of tabs.entries()) {
    tab.addEventListener('click', () => selectTab(tab.dataset.tab, false));
    tab.addEventListener('keydown', (event) => {
      const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
      if (step !== 0) {
        event.preventDefault();
        selectTab(tabs[(index + step + tabs.length) % tabs.length].dataset.tab, true);
      } else if (event.key === 'Home' || event.key === 'End') {
        event.preventDefault();
        selectTab(tabs[event.key === 'Home' ? 0 : tabs.length - 1].dataset.tab, true);
      }
    });
  }
  const initial = location.hash.slice(1);
  if (tabs.some((tab) => tab.dataset.tab === initial)) selectTab(initial, false);
}

function onSubmit(id, run) {
  document.getElementById(id).addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    try {
      await run(form);
      say(button.textContent + ': done', true);
    } catch (error) {
      say(button.textContent + ': ' + error.message);
    } finally {
      button.disabled = false;
      refresh();
    }
  });
}

function numberField(form, name) {
  const value = form.elements[name].value.trim();
  return value === '' ? undefined : Number(value);
}

function setupForms() {
  onSubmit('clock-advance-form', (form) => api('POST', '/clock/advance', { [form.elements.unit.value]: Number(form.elements.amount.value) }));
  onSubmit('clock-set-form', (form) => api('POST', '/clock', { now: form.elements.now.value.trim() }));
  onSubmit('profile-form', (form) => api('PUT', '/profile', { name: form.elements.name.value }));
  onSubmit('webhook-form', (form) => {
    const events = form.elements.events.value.split(',').map((item) => item.trim()).filter(Boolean);
    return api('POST', '/webhooks', events.length ? { url: form.elements.url.value.trim(), events } : { url: form.elements.url.value.trim() });
  });
  onSubmit('fault-form', (form) => {
    const body = { kind: form.elements.kind.value };
    const path = form.elements.path.value.trim();
    const method = form.elements.method.value.trim();
    if (path) body.path = path;
    if (method) body.method = method;
    const times = numberField(form, 'times');
    body.times = times === undefined ? null : times;
    for (const name of ['latencyMs', 'status', 'probability', 'skewSeconds']) {
      const value = numberField(form, name);
      if (value !== undefined) body[name] = value;
    }
    return api('POST', '/faults', body);
  });
  document.getElementById('faults-clear').addEventListener('click', () => api('DELETE', '/faults').then(() => say('Faults removed', true), (e) => say(e.message)).finally(refresh));
  document.getElementById('requests-clear').addEventListener('click', () => api('DELETE', '/requests').then(() => say('Request log cleared', true), (e) => say(e.message)).finally(refresh));
  document.getElementById('reset').addEventListener('click', () => api('POST', '/reset').then(() => say('Sandbox reset to the seeded state', true), (e) => say(e.message)).finally(refresh));
  document.getElementById('sms-filter').addEventListener('change', () => state.data && renderSms(state.data.snapshot));
}

function connect() {
  const status = document.getElementById('live-status');
  const source = new EventSource(CONTROL + '/stream');
  source.addEventListener('open', () => {
    status.textContent = 'live';
    status.className = 'on';
  });
  source.addEventListener('change', () => refresh());
  source.addEventListener('error', () => {
    status.textContent = 'disconnected: retrying';
    status.className = 'off';
  });
}

setupTabs();
setupForms();
setInterval(tick, 1000);
connect();
refresh();
`;
