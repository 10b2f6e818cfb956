import {
  createStatusWatcher,
  isProgramApiError,
  type ProviderClient,
  type ProviderEvent,
  type StatusWatcher,
} from '@prakerja-kit/provider';
import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { COURSE_PLAN, createLearnerSessions, type LearnerSessions } from './learners.js';
import { adminPage, coursePage, messagePage, redeemPage } from './views.js';

/** Options of {@link createApp}. */
export interface LmsOptions {
  /** The LP client. */
  client: ProviderClient;
  /**
   * This app's `/prakerja/callback` as registered with Prakerja. Defaults to the request's own
   * origin (fine for the sandbox, which accepts any loopback port; set it in production).
   */
  redirectUri?: string | undefined;
  /** Development only: sandbox test redeem codes shown on the entry page. */
  devCodes?: readonly string[] | undefined;
  sessions?: LearnerSessions | undefined;
  /** Cookies need HTTPS in production. @default true */
  secureCookies?: boolean | undefined;
  /** Progress lines; silent by default. Redeem codes are masked. */
  log?: ((line: string) => void) | undefined;
  /**
   * First delay between status polls of a learner's redeem code, in ms (doubled while nothing
   * changes, up to 10 minutes). @default 60000
   */
  watchIntervalMs?: number | undefined;
  /** Called with each event the status watcher reports (attendance, assignments, completion). */
  onEvent?: ((event: ProviderEvent) => void | Promise<void>) | undefined;
}

/** The LMS app, with the status watcher that follows its learners' redeem codes. */
export type Lms = Hono & {
  /**
   * Follows every redeemed code (attendance, post-test, the program's verdicts, completion)
   * until its course is completed; polling starts with the first learner. Stop it when shutting
   * down.
   */
  readonly watcher: StatusWatcher;
};

const SESSION = 'lms_session';
const ATTENDANCE_STATE = 'att_state';
const mask = (value: string) => `••••${value.slice(-4)}`;

/**
 * The LMS: redeem code → Prakerja verification → back with attendance recorded; sessions 2..n and
 * the post-test the same way; TPM/UK link uploads; LP grading notes; the program's verdict;
 * completion.
 */
export function createApp(options: LmsOptions): Lms {
  const { client } = options;
  const sessions = options.sessions ?? createLearnerSessions();
  const log = options.log ?? (() => {});
  const secure = options.secureCookies ?? true;
  // Which email started each verification, by its signed state (the state carries only a tag).
  const pending = new Map<string, { email: string; redeemCode: string }>();
  const app = new Hono();

  // The program pushes nothing: the status watcher polls each learner's code and reports each
  // change once, e.g. the program's verdict on a UK given hours after the LP's grading notes.
  const watcher = createStatusWatcher({
    client,
    intervalMs: options.watchIntervalMs ?? 60_000,
    maxIntervalMs: 10 * 60_000,
    onEvent: async (event) => {
      const detail = 'sequence' in event.data ? ` ${event.data.sequence}` : '';
      log(`${mask(event.data.redeem_code)}: ${event.type}${detail} (seen by the watcher)`);
      await options.onEvent?.(event);
    },
    onError: (error, redeemCode) =>
      log(`${mask(redeemCode)}: status poll failed (${(error as Error).name}); will ask again`),
  });
  let polling = false;
  const follow = async (redeemCode: string) => {
    await watcher.watch({
      redeemCode,
      attendanceSequences: COURSE_PLAN.attendance,
      tpmSequences: COURSE_PLAN.tpm,
    });
    if (!polling) {
      polling = true;
      watcher.start();
    }
  };

  const progressOf = (redeemCode: string) =>
    client.completion.retrieve({
      redeemCode,
      attendanceSequences: COURSE_PLAN.attendance,
      tpmSequences: COURSE_PLAN.tpm,
    });

  /** Starts a verification and sends the browser to Prakerja. */
  async function startVerification(
    context: Context,
    redeemCode: string,
    email: string,
    sequence: number,
  ) {
    const redirectUri = options.redirectUri ?? new URL('/prakerja/callback', context.req.url).href;
    const verification = await client.attendance.createVerificationUrl({
      redeemCode,
      email,
      sequence,
      redirectUri,
    });
    pending.set(verification.state, { email, redeemCode });
    setCookie(context, ATTENDANCE_STATE, verification.state, {
      httpOnly: true,
      secure,
      sameSite: 'Lax',
      path: '/prakerja/callback',
      maxAge: 1800,
    });
    log(`verification of sequence ${sequence} started for ${mask(redeemCode)}`);
    return context.redirect(verification.url, 303);
  }

  app.get('/', (context) => {
    if (sessions.get(getCookie(context, SESSION))) return context.redirect('/learn', 303);
    return context.html(redeemPage(options.devCodes ?? []));
  });

  app.post('/redeem', async (context) => {
    const form = await context.req.parseBody();
    const redeemCode = String(form['redeem_code'] ?? '').trim();
    const email = String(form['email'] ?? '')
      .trim()
      .toLowerCase();
    try {
      return await startVerification(context, redeemCode, email, 1);
    } catch (error) {
      // The program's own (Indonesian) message: unknown code, already used, outside the window...
      const message = isProgramApiError(error)
        ? error.programMessage
        : 'Kode tidak dapat diproses.';
      log(
        `redeem refused for ${mask(redeemCode)}: ${isProgramApiError(error) ? error.code : 'error'}`,
      );
      return context.html(redeemPage(options.devCodes ?? [], message), 422);
    }
  });

  // Prakerja sends the browser back here. The redirect is never trusted: confirm() checks the
  // signed state, then asks the program with the signed status call.
  app.get('/prakerja/callback', async (context) => {
    const state = getCookie(context, ATTENDANCE_STATE);
    const started = state === undefined ? undefined : pending.get(state);
    if (!state || !started)
      return context.html(messagePage('Sesi habis', 'Mulai verifikasi lagi.'), 400);
    deleteCookie(context, ATTENDANCE_STATE, { path: '/prakerja/callback' });
    pending.delete(state);
    const result = await client.attendance.confirm({
      state,
      returnUrl: context.req.url,
      email: started.email,
      redeemCode: started.redeemCode,
    });
    if (result.outcome !== 'verified') {
      log(`verification not confirmed for ${mask(started.redeemCode)}: ${result.reason}`);
      return context.html(
        messagePage('Verifikasi gagal', `Kehadiran tidak terverifikasi (${result.reason}).`),
        403,
      );
    }
    log(`sequence ${result.sequence} verified for ${mask(started.redeemCode)}`);
    if (!sessions.get(getCookie(context, SESSION))) {
      const id = sessions.create({ redeemCode: started.redeemCode, email: started.email });
      setCookie(context, SESSION, id, { httpOnly: true, secure, sameSite: 'Lax', path: '/' });
      // Redeemed: from now on the watcher follows the code to completion.
      await follow(started.redeemCode);
    }
    return context.redirect('/learn', 303);
  });

  app.get('/learn', async (context) => {
    const learner = sessions.get(getCookie(context, SESSION));
    if (!learner) return context.redirect('/', 303);
    return context.html(coursePage(learner, await progressOf(learner.redeemCode)));
  });

  app.post('/attend/:sequence', async (context) => {
    const learner = sessions.get(getCookie(context, SESSION));
    if (!learner) return context.redirect('/', 303);
    return startVerification(
      context,
      learner.redeemCode,
      learner.email,
      Number(context.req.param('sequence')),
    );
  });

  app.post('/assignments/:scope/:sequence', async (context) => {
    const learner = sessions.get(getCookie(context, SESSION));
    if (!learner) return context.redirect('/', 303);
    const scope = context.req.param('scope') === 'uk' ? 'uk' : 'tpm';
    const urlFile = String((await context.req.parseBody())['url_file'] ?? '');
    await client.assignments.submit({
      redeemCode: learner.redeemCode,
      scope,
      sequence: Number(context.req.param('sequence')),
      urlFile,
    });
    log(`${scope} submitted for ${mask(learner.redeemCode)}`);
    return context.redirect('/learn', 303);
  });

  // The LP's side. A real LMS puts this behind its staff login.
  app.get('/admin', async (context) => {
    const rows = await Promise.all(
      sessions
        .all()
        .map(async (learner) => ({ learner, progress: await progressOf(learner.redeemCode) })),
    );
    return context.html(adminPage(rows));
  });

  app.post('/admin/grade', async (context) => {
    const form = await context.req.parseBody();
    const redeemCode = String(form['redeem_code'] ?? '');
    const scope = form['scope'] === 'uk' ? 'uk' : 'tpm';
    const sequence = Number(form['sequence']);
    await client.assignments.review({
      redeemCode,
      scope,
      sequence,
      notes: String(form['notes'] || 'Diterima.'),
    });
    // Grading notes only: the program gives the verdict, read back by completion.retrieve.
    log(`${scope} ${sequence} feedback sent for ${mask(redeemCode)}`);
    return context.redirect('/admin', 303);
  });

  app.get('/health', (context) => context.json({ ok: true }));
  return Object.assign(app, { watcher });
}
