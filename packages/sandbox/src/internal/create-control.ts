import { isWebhookEventType, WEBHOOK_EVENT_TYPES } from '@prakerja-kit/webhooks';
import type {
  AssignmentTarget,
  DurationInput,
  EventTriggerInput,
  SandboxControl,
} from '../sandbox-control.js';
import { resolveSandboxProfile, type SandboxProfile } from '../sandbox-profiles.js';
import { decideAssignment } from './assignments.js';
import { decideVerification, findVerification } from './attendance.js';
import type { Deliverer } from './deliveries.js';
import type { Engine } from './engine.js';
import { addFault, removeFault } from './faults.js';
import { ControlFailure } from './program-failure.js';
import { isHttpUrl, withQuery } from './redirect-uris.js';
import { issueAuthCode } from './sso.js';
import { parseSandboxState } from './state-schema.js';

const UNITS = {
  ms: 1,
  seconds: 1000,
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
} as const;

// Sandbox time stays where every format the program uses can express it: Unix seconds from 1970
// and four-digit years.
const LATEST_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const LATEST = new Date(LATEST_MS).toISOString();

/** Milliseconds of a {@link DurationInput}; throws a 400 control error when invalid. */
export function durationMs(duration: unknown): number {
  if (typeof duration === 'number' && Number.isFinite(duration) && duration >= 0) return duration;
  if (typeof duration === 'object' && duration !== null && !Array.isArray(duration)) {
    let total = 0;
    let any = false;
    for (const [unit, value] of Object.entries(duration)) {
      const factor = UNITS[unit as keyof typeof UNITS];
      if (
        factor === undefined ||
        typeof value !== 'number' ||
        !Number.isFinite(value) ||
        value < 0
      ) {
        throw new ControlFailure(
          `invalid duration field "${unit}": use non-negative numbers in ${Object.keys(UNITS).join(', ')}`,
        );
      }
      total += value * factor;
      any = true;
    }
    if (any) return total;
  }
  throw new ControlFailure(
    'invalid duration: a non-negative number of ms or { ms, seconds, minutes, hours, days }',
  );
}

function timeMs(time: unknown): number {
  const ms =
    time instanceof Date
      ? time.getTime()
      : typeof time === 'number' || typeof time === 'string'
        ? new Date(time).getTime()
        : Number.NaN;
  if (!Number.isFinite(ms)) throw new ControlFailure('invalid time: use an ISO-8601 string or ms');
  if (ms < 0 || ms > LATEST_MS) {
    throw new ControlFailure(`invalid time: sandbox time must be between 1970-01-01 and ${LATEST}`);
  }
  return ms;
}

const copy = <T>(value: T): T => structuredClone(value);

/** Checks an event trigger: a known SDK event type, an object `data`, a plain `id`. */
function triggerInput(input: unknown): EventTriggerInput & { data: Record<string, unknown> } {
  const isObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!isObject(input)) throw new ControlFailure('expected { type, data?, id? }');
  const { type, data = {}, id } = input;
  if (typeof type !== 'string' || !isWebhookEventType(type)) {
    throw new ControlFailure(`"type" must be one of ${WEBHOOK_EVENT_TYPES.join(', ')}`);
  }
  if (!isObject(data)) throw new ControlFailure('"data" must be a JSON object');
  if (id !== undefined && (typeof id !== 'string' || !/^[A-Za-z0-9_.:-]{1,128}$/.test(id))) {
    throw new ControlFailure('"id" must be 1-128 characters of A-Z a-z 0-9 _ . : -');
  }
  return { type, data, ...(id === undefined ? {} : { id }) };
}

/**
 * Builds the in-process control plane over the engine. `onProfile` hears every profile change
 * (set or imported), so `reset` can keep it.
 */
export function createControl(
  engine: Engine,
  deliverer: Deliverer,
  reset: () => void,
  onProfile: (profile: SandboxProfile) => void = () => {},
): SandboxControl {
  const decide = (state: string, approve: boolean) => {
    const redirectUrl = decideVerification(engine, state, approve);
    engine.changed();
    return { verification: copy(findVerification(engine, state)), redirectUrl };
  };
  const verdict = (target: AssignmentTarget, value: 2 | 3) => {
    if (
      typeof target !== 'object' ||
      target === null ||
      typeof target.redeemCode !== 'string' ||
      (target.scope !== 'tpm' && target.scope !== 'uk') ||
      !Number.isSafeInteger(target.sequence)
    ) {
      throw new ControlFailure(
        'expected { redeemCode: string, scope: "tpm" | "uk", sequence: integer }',
      );
    }
    const decision = decideAssignment(engine, target, value);
    engine.changed();
    return copy(decision);
  };
  return {
    fixtures: () => copy(engine.fixtures),
    reset,
    clock: {
      now: () => new Date(engine.now()),
      advance(duration) {
        const ms = durationMs(duration as DurationInput);
        if (engine.now() + ms > LATEST_MS) {
          throw new ControlFailure(
            `advancing by ${ms} ms would move sandbox time past ${LATEST}: advance by less, or set the clock (POST /__sandbox/clock)`,
          );
        }
        engine.advance(ms);
        engine.changed();
        return new Date(engine.now());
      },
      set(time) {
        engine.setTime(timeMs(time));
        engine.changed();
        return new Date(engine.now());
      },
    },
    sms: {
      list: (prakerjaId) =>
        copy(engine.state.sms.filter((sms) => !prakerjaId || sms.prakerjaId === prakerjaId)),
      latestOtp: (prakerjaId) =>
        engine.state.sms.filter((sms) => sms.prakerjaId === prakerjaId).at(-1)?.otp,
    },
    faults: {
      add(input) {
        const fault = addFault(engine, input);
        engine.changed();
        return copy(fault);
      },
      list: () => copy(engine.state.faults),
      remove(id) {
        removeFault(engine, id);
        engine.changed();
      },
      clear() {
        engine.state.faults = [];
        engine.changed();
      },
    },
    transactions: {
      list: () => copy(Object.values(engine.state.transactions)),
      byInvoice: (invoiceCode) =>
        copy(
          Object.values(engine.state.transactions).find((item) => item.invoiceCode === invoiceCode),
        ),
    },
    redeemCodes: {
      list: () => copy(Object.values(engine.state.redeemCodes)),
      get: (redeemCode) => copy(engine.state.redeemCodes[redeemCode]),
    },
    verifications: {
      list: () => copy(Object.values(engine.state.verifications)),
      approve: (state) => decide(state, true),
      reject: (state) => decide(state, false),
    },
    assignments: {
      list: (redeemCode) =>
        copy(
          engine.state.assignments.filter((item) => !redeemCode || item.redeemCode === redeemCode),
        ),
      accept: (target) => verdict(target, 2),
      reject: (target) => verdict(target, 3),
    },
    sso: {
      consent(input) {
        const state = input.state ?? '';
        const code = issueAuthCode(engine, {
          clientId: input.clientId,
          prakerjaId: input.prakerjaId,
          redirectUri: input.redirectUri,
          scope: input.scope ?? 'name email prakerjaid notelp',
        });
        engine.changed();
        const params: Record<string, string> = state ? { code, state } : { code };
        return { code, redirectUrl: withQuery(input.redirectUri, params) };
      },
    },
    addRedirectUri(clientCode, uri) {
      const client = engine.fixtures.providers.find((item) => item.clientCode === clientCode);
      if (!client) throw new ControlFailure(`no provider with clientCode "${clientCode}"`, 404);
      if (!isHttpUrl(uri)) {
        throw new ControlFailure(`invalid redirect URI "${uri}": use an absolute http(s) URL`);
      }
      if (!client.redirectUris.includes(uri)) client.redirectUris.push(uri);
      engine.changed();
    },
    webhooks: {
      add(input) {
        const endpoint = deliverer.addEndpoint(input);
        engine.changed();
        return copy(endpoint);
      },
      list: () => copy(Object.values(engine.state.webhooks)),
      remove(id) {
        if (!engine.state.webhooks[id])
          throw new ControlFailure(`no webhook endpoint "${id}"`, 404);
        delete engine.state.webhooks[id];
        for (const delivery of engine.state.deliveries) {
          if (delivery.endpointId === id && delivery.status === 'pending') {
            delivery.status = 'failed';
            delivery.nextAttemptAt = null;
          }
        }
        engine.changed();
      },
    },
    events: {
      list: (type) => copy(engine.state.events.filter((event) => !type || event.type === type)),
      trigger(input) {
        const { type, data, id } = triggerInput(input);
        if (id !== undefined && engine.state.events.some((event) => event.id === id)) {
          throw new ControlFailure(
            `event "${id}" is already in the log: replay its deliveries (POST /__sandbox/deliveries/:id/redeliver) instead`,
            409,
          );
        }
        const event = engine.emit(type, data, id);
        engine.changed();
        return {
          event: copy(event),
          deliveries: copy(engine.state.deliveries.filter((item) => item.eventId === event.id)),
        };
      },
    },
    deliveries: {
      list: (filter = {}) =>
        copy(
          engine.state.deliveries.filter(
            (item) =>
              (!filter.eventId || item.eventId === filter.eventId) &&
              (!filter.endpointId || item.endpointId === filter.endpointId) &&
              (!filter.status || item.status === filter.status),
          ),
        ),
      get: (id) => copy(engine.state.deliveries.find((item) => item.id === id)),
      redeliver(id) {
        const delivery = deliverer.redeliver(id);
        engine.changed();
        return copy(delivery);
      },
      settle: () => deliverer.settle(),
    },
    profile: {
      get: () => copy(engine.state.profile),
      set(input) {
        const profile = resolveSandboxProfile(input);
        engine.state.profile = profile;
        onProfile(profile);
        engine.changed();
        return copy(profile);
      },
    },
    state: {
      export: () => copy(engine.state),
      import(state) {
        const parsed = copy(parseSandboxState(state));
        // A state saved before profiles existed keeps the active profile.
        const hasProfile = typeof state === 'object' && state !== null && 'profile' in state;
        if (!hasProfile) parsed.profile = copy(engine.state.profile);
        engine.replaceState(parsed);
        onProfile(parsed.profile);
      },
    },
  };
}
