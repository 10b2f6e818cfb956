import type { ControlRouteSpec } from '../control-routes.js';
import type { Engine } from '../engine.js';
import { voidPayment } from '../payments.js';
import { ControlFailure, ProgramFailure } from '../program-failure.js';
import { APP_CSS, APP_JS, dashboardHtml } from './assets.js';
import { LiveHub } from './live.js';
import { requestLog } from './request-log.js';

/** Path of the dashboard page. */
export const DASHBOARD_PATH = '/__sandbox/ui';

const asset = (body: string, type: string) =>
  new Response(body, {
    headers: {
      'content-type': `${type}; charset=utf-8`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });

/** The sandbox dashboard: its page, assets, live stream and the control routes it needs. */
export interface Dashboard {
  routes: ControlRouteSpec[];
  close(): void;
}

/** Builds the dashboard of one sandbox (served under `/__sandbox/ui`, and at `/` to browsers). */
export function createDashboard(engine: Engine): Dashboard {
  const hub = new LiveHub(engine);
  const log = requestLog(engine);
  const routes: ControlRouteSpec[] = [
    {
      method: 'GET',
      path: '/ui',
      description: 'the dashboard (also at / for a browser)',
      run: () =>
        new Response(dashboardHtml(), {
          headers: {
            'content-type': 'text/html; charset=utf-8',
            'cache-control': 'no-store',
            // Nothing but the sandbox's own script and style; no inline script can run.
            'content-security-policy':
              "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
            'x-content-type-options': 'nosniff',
            'referrer-policy': 'no-referrer',
          },
        }),
    },
    {
      method: 'GET',
      path: '/ui/app.js',
      description: 'the dashboard script',
      run: () => asset(APP_JS, 'text/javascript'),
    },
    {
      method: 'GET',
      path: '/ui/app.css',
      description: 'the dashboard style',
      run: () => asset(APP_CSS, 'text/css'),
    },
    {
      method: 'GET',
      path: '/stream',
      description: 'server-sent events: a "change" message whenever the state changes',
      run: () => hub.open(),
    },
    {
      method: 'GET',
      path: '/requests',
      description: `the last program requests, newest first (?limit=, at most ${log.limit})`,
      run: ({ query }) => {
        const raw = query.get('limit');
        const limit = raw === null ? log.limit : Number(raw);
        if (!Number.isSafeInteger(limit) || limit < 0) {
          throw new ControlFailure('limit must be a non-negative integer');
        }
        return log.list(Math.min(limit, log.limit));
      },
    },
    {
      method: 'DELETE',
      path: '/requests',
      description: 'empty the request log',
      run: () => {
        log.clear();
        engine.changed();
        return { cleared: true };
      },
    },
    {
      method: 'POST',
      path: '/transactions/:code/void',
      description: 'void a purchase as its DP would (payment/void), from the dashboard',
      run: ({ params }) => {
        const code = params['code']!;
        const transaction = engine.state.transactions[code];
        if (!transaction) throw new ControlFailure(`no transaction "${code}"`, 404);
        const client = engine.fixtures.platforms.find(
          (item) => item.clientCode === transaction.clientCode,
        );
        if (!client) throw new ControlFailure(`the DP of "${code}" is not a sandbox client`, 409);
        try {
          voidPayment(engine, client, {
            transaction_code: transaction.transactionCode,
            invoice_code: transaction.invoiceCode,
          });
        } catch (error) {
          if (error instanceof ProgramFailure) {
            throw new ControlFailure(`cannot void "${code}": ${error.code}`, 409);
          }
          throw error;
        }
        engine.changed();
        return structuredClone(transaction);
      },
    },
  ];
  return { routes, close: () => hub.close() };
}
