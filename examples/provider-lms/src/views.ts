import type { AssignmentProgress, CourseProgress } from '@prakerja-kit/provider';
import { html } from 'hono/html';
import type { Learner } from './learners.js';

/** The page frame. `html` escapes every interpolated value. */
export function layout(title: string, body: unknown) {
  return html`<!doctype html>
<html lang="id">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width,initial-scale=1" />
    <title>${title} · LMS Contoh</title>
    <style>
      body { font-family: system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem }
      table { border-collapse: collapse; width: 100% } td, th { padding: .4rem; border-bottom: 1px solid #ddd; text-align: left }
      .note { color: #666 } .error { color: #b00020 } .dev { background: #fff7d6; padding: .5rem } .ok { color: #137333 }
      button, input { font-size: 1rem; padding: .4rem .8rem }
    </style>
  </head>
  <body>
    <p class="note"><a href="/">LMS Contoh</a> · example LP learning site (prakerja-kit) · <a href="/admin">LP admin</a></p>
    <h1>${title}</h1>
    ${body}
  </body>
</html>`;
}

/** Entry: the participant types the redeem code from the Prakerja dashboard. */
export function redeemPage(devCodes: readonly string[], error?: string) {
  return layout(
    'Tukar kode redeem',
    html`${error ? html`<p class="error" id="error">${error}</p>` : ''}
    <form method="post" action="/redeem">
      <p><label>Kode redeem <input name="redeem_code" id="redeem_code" required /></label></p>
      <p><label>Email di LMS ini <input name="email" id="email" type="email" required /></label></p>
      <button type="submit" id="redeem">Verifikasi dan mulai</button>
    </form>
    <p class="note">You will verify your attendance on Prakerja (a face check), then come back here.</p>
    ${
      devCodes.length > 0
        ? html`<p class="dev">Development: sandbox test codes for this LP: ${devCodes.map((code) => html`<code class="dev-code">${code}</code> `)}</p>`
        : ''
    }`,
  );
}

/** TPM and UK progress, each with its scope. */
function withScope(progress: CourseProgress) {
  return [
    ...progress.tpm.map((item) => ({ ...item, scope: 'tpm' as const })),
    { ...progress.uk, scope: 'uk' as const },
  ];
}

const yes = (done: boolean) => (done ? html`<span class="ok">✔</span>` : '');
/**
 * What the participant sees for one TPM/UK. Acceptance is the program's verdict
 * (`assignmentState`), not the LP's feedback; a status the SDK does not understand is shown as
 * such, never as accepted or rejected.
 */
function assignmentLabel(item: AssignmentProgress): string {
  switch (item.assignmentState) {
    case 'none':
      return 'belum dikirim';
    case 'pending':
      return item.feedbackState === 'none'
        ? 'menunggu penilaian LP'
        : 'sudah dinilai LP, menunggu keputusan Prakerja';
    case 'accepted':
      return 'diterima Prakerja';
    case 'rejected':
      return 'ditolak Prakerja: kirim ulang';
    default:
      return item.error
        ? 'status belum dapat dibaca'
        : `status tidak dikenal (${item.assignmentStatus})`;
  }
}

const COMPLETION = {
  complete:
    'Selesai: post-test terverifikasi dan UK diterima Prakerja. Sertifikat muncul di dasbor Prakerja.',
  incomplete: 'Belum selesai.',
  unknown:
    'Status kelulusan belum dapat dipastikan (status Prakerja gagal dibaca atau tidak dikenal); coba lagi nanti.',
} as const;

/** The course page: attendance per sequence, assignments, completion. */
export function coursePage(learner: Learner, progress: CourseProgress) {
  const sessions = [...progress.attendance, progress.postTest].map(
    (item) => html`<tr>
      <td>${item.sequence === 999 ? 'Post-test' : item.sequence === 1 ? 'Redeem (sesi 1)' : `Sesi ${item.sequence}`}</td>
      <td data-sequence="${item.sequence}">${item.verified ? html`${yes(true)} hadir` : 'belum'}</td>
      <td>${
        item.verified
          ? ''
          : html`<form method="post" action="/attend/${item.sequence}"><button id="attend-${item.sequence}">Verifikasi kehadiran</button></form>`
      }</td>
    </tr>`,
  );
  const assignments = withScope(progress).map(
    (item) => html`<tr>
      <td>${item.scope === 'uk' ? 'Unjuk Keterampilan (UK)' : `TPM ${item.sequence}`}</td>
      <td data-assignment="${item.scope}-${item.sequence}" data-state="${item.assignmentState}">${assignmentLabel(item)}</td>
      <td>${
        item.assignmentState === 'accepted' || item.assignmentState === 'pending'
          ? ''
          : html`<form method="post" action="/assignments/${item.scope}/${item.sequence}">
              <input name="url_file" id="url-${item.scope}-${item.sequence}" type="url" placeholder="https://…/tugas.md" required />
              <button id="upload-${item.scope}-${item.sequence}">Kirim</button></form>`
      }</td>
    </tr>`,
  );
  return layout(
    'Digital Marketing untuk UMKM',
    html`<p>Kode redeem <code>${learner.redeemCode}</code> · ${learner.email}</p>
    <h2>Kehadiran</h2><table>${sessions}</table>
    <h2>Tugas</h2><table>${assignments}</table>
    <h2>Status</h2>
    <p id="completion" data-completion="${progress.completion}">${
      progress.completion === 'complete'
        ? html`${yes(true)} ${COMPLETION.complete}`
        : COMPLETION[progress.completion]
    }</p>`,
  );
}

/**
 * LP admin: submissions waiting for the LP's grading notes. Sending notes does not accept
 * anything: the program decides, and the course page shows its verdict.
 */
export function adminPage(rows: readonly { learner: Learner; progress: CourseProgress }[]) {
  const items = rows.flatMap(({ learner, progress }) =>
    withScope(progress)
      .filter((item) => item.assignmentState === 'pending' && item.feedbackState === 'none')
      .map(
        (item) => html`<tr>
          <td><code>${learner.redeemCode}</code></td>
          <td>${item.scope.toUpperCase()} ${item.sequence}</td>
          <td><form method="post" action="/admin/grade">
            <input type="hidden" name="redeem_code" value="${learner.redeemCode}" />
            <input type="hidden" name="scope" value="${item.scope}" />
            <input type="hidden" name="sequence" value="${String(item.sequence)}" />
            <input name="notes" value="Sudah sesuai rubrik." />
            <button id="grade-${item.scope}-${item.sequence}">Kirim penilaian</button></form></td>
        </tr>`,
      ),
  );
  return layout(
    'Penilaian tugas',
    items.length > 0
      ? html`<table>${items}</table>`
      : html`<p id="nothing">Tidak ada tugas menunggu penilaian.</p>`,
  );
}

/** A plain message page. */
export function messagePage(title: string, message: string) {
  return layout(
    title,
    html`<p class="error" id="message">${message}</p><p><a href="/">Kembali</a></p>`,
  );
}
