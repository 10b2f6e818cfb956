import type { Course, NotPurchasableReason, Schedule, WithSeats } from '@prakerja-kit/platform';
import { html } from 'hono/html';
import type { Order } from './orders.js';

const idr = (amount: number) => `Rp${amount.toLocaleString('id-ID')}`;
const when = (iso: string | undefined) =>
  iso ? new Date(iso).toLocaleString('id-ID', { timeZone: 'Asia/Jakarta' }) : '-';

/** The page frame. `html` escapes every interpolated value. */
export function layout(title: string, body: unknown) {
  return html`<!doctype html>
<html lang="id">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width,initial-scale=1" />
    <title>${title} · Toko Pelatihan</title>
    <style>
      body { font-family: system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem }
      table { border-collapse: collapse; width: 100% } td, th { padding: .4rem; border-bottom: 1px solid #ddd; text-align: left }
      .note { color: #666 } .error { color: #b00020 } .dev { background: #fff7d6; padding: .5rem }
      button, input { font-size: 1rem; padding: .4rem .8rem }
    </style>
  </head>
  <body>
    <p class="note"><a href="/">Toko Pelatihan</a> · example DP storefront (prakerja-kit)</p>
    <h1>${title}</h1>
    ${body}
  </body>
</html>`;
}

const CLOSED_LABEL: Record<NotPurchasableReason, string> = {
  started: 'Sudah dimulai',
  purchase_window_closed: 'Penjualan ditutup',
  sold_out: 'Habis',
  seats_unknown: 'Kursi tidak diketahui',
  start_unknown: 'Jadwal tidak diketahui',
};

/** The course list with live seats per schedule. */
export function coursesPage(courses: readonly Course[], schedules: readonly WithSeats<Schedule>[]) {
  const rows = schedules.map((schedule) => {
    const course = courses.find((item) => item.courseCode === schedule.courseCode);
    const seats = schedule.seats;
    const seatText = seats.status === 'known' ? String(seats.remaining) : 'tidak diketahui';
    // Only what can really be bought now: started, closed, full or unreadable schedules are not.
    const canBuy = schedule.purchasable;
    return html`<tr>
      <td>${course?.title ?? schedule.courseCode}</td>
      <td>${idr(course?.price ?? 0)}</td>
      <td>${when(schedule.startsAt)}</td>
      <td data-seats="${schedule.scheduleCode}">${seatText}</td>
      <td>${canBuy ? html`<a href="/checkout/${schedule.scheduleCode}" data-buy="${schedule.scheduleCode}">Beli</a>` : html`<span data-closed="${schedule.scheduleCode}" data-reason="${schedule.reason}">${CLOSED_LABEL[schedule.reason]}</span>`}</td>
    </tr>`;
  });
  return layout(
    'Pelatihan Kartu Prakerja',
    html`<table>
      <tr><th>Pelatihan</th><th>Harga</th><th>Mulai</th><th>Kursi</th><th></th></tr>
      ${rows}
    </table>`,
  );
}

/** Step 1 of checkout: the buyer's Kartu Prakerja number. */
export function checkoutPage(
  course: Course,
  schedule: Schedule,
  prakerjaId: string,
  error?: string,
) {
  return layout(
    `Beli: ${course.title}`,
    html`<p>${idr(course.price)}, mulai ${when(schedule.startsAt)}. Dibayar dengan saldo Kartu Prakerja.</p>
    ${error ? html`<p class="error" id="error">${error}</p>` : ''}
    <form method="post" action="/checkout/${schedule.scheduleCode}">
      <label>Nomor Kartu Prakerja <input name="prakerja_id" id="prakerja_id" value="${prakerjaId}" required /></label>
      <button type="submit" id="send-otp">Kirim OTP</button>
    </form>`,
  );
}

/** Step 2: the OTP the program texted. In development, the sandbox inbox shows it. */
export function otpPage(order: Order, devOtp: string | undefined, error?: string) {
  return layout(
    'Masukkan OTP',
    html`<p>Kode OTP dikirim lewat SMS ke nomor yang terdaftar di Kartu Prakerja.</p>
    ${devOtp ? html`<p class="dev">Development: the sandbox SMS inbox has OTP <code id="dev-otp">${devOtp}</code></p>` : ''}
    ${error ? html`<p class="error" id="error">${error}</p>` : ''}
    <form method="post" action="/orders/${order.invoiceCode}/otp">
      <label>OTP <input name="otp" id="otp" inputmode="numeric" autocomplete="one-time-code" required /></label>
      <button type="submit" id="pay">Bayar</button>
    </form>`,
  );
}

const STATE_LABEL: Record<Order['state'], string> = {
  'awaiting-otp': 'Menunggu OTP',
  paid: 'Lunas',
  voided: 'Dibatalkan',
  failed: 'Gagal',
  unknown: 'Sedang diperiksa',
};

/** The invoice, with the program's own status and a void button while paid. */
export function invoicePage(
  order: Order,
  course: Course | undefined,
  programStatus: string | undefined,
) {
  return layout(
    `Invoice ${order.invoiceCode}`,
    html`<table>
      <tr><th>Pelatihan</th><td>${course?.title ?? order.courseCode}</td></tr>
      <tr><th>Jumlah</th><td>${idr(order.amount)}</td></tr>
      <tr><th>Status</th><td id="state" data-state="${order.state}">${STATE_LABEL[order.state]}</td></tr>
      <tr><th>Status program</th><td id="program-status">${programStatus ?? '-'}</td></tr>
      <tr><th>Kode transaksi</th><td id="transaction-code">${order.transactionCode ?? '-'}</td></tr>
    </table>
    ${order.message ? html`<p class="error">${order.message}</p>` : ''}
    <p class="note">The redeem code goes to the participant by email and on the Prakerja dashboard.</p>
    ${
      order.state === 'paid'
        ? html`<form method="post" action="/invoices/${order.invoiceCode}/void">
            <button type="submit" id="void">Batalkan pembelian (void)</button>
          </form>`
        : ''
    }`,
  );
}

/** A plain message page. */
export function messagePage(title: string, message: string, status: 'error' | 'note' = 'error') {
  return layout(
    title,
    html`<p class="${status}" id="message">${message}</p><p><a href="/">Kembali</a></p>`,
  );
}
