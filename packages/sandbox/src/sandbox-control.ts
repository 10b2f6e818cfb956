import type { WebhookEndpointInput } from './internal/deliveries.js';
import type { FaultInput } from './internal/faults.js';
import type {
  AssignmentRecord,
  DeliveryRecord,
  FaultRecord,
  RedeemCodeRecord,
  SandboxEvent,
  SandboxState,
  SmsMessage,
  TransactionRecord,
  VerificationRecord,
  WebhookEndpoint,
} from './internal/state.js';
import type { SandboxFixtures } from './sandbox-fixtures.js';
import type { SandboxProfile, SandboxProfileInput } from './sandbox-profiles.js';

export type { AssignmentVerdictPolicy } from './internal/assignments.js';
export type {
  AssignmentRecord,
  DeliveryAttempt,
  DeliveryRecord,
  FaultKind,
  FaultRecord,
  RedeemCodeRecord,
  SandboxEvent,
  SandboxState,
  SmsMessage,
  TransactionRecord,
  VerificationRecord,
  WebhookEndpoint,
} from './internal/state.js';
export type { FaultInput, WebhookEndpointInput };

/** A duration for time travel: milliseconds, or named units that add up. */
export type DurationInput =
  | number
  | { ms?: number; seconds?: number; minutes?: number; hours?: number; days?: number };

/** Result of deciding a verification: where the browser would be sent. */
export interface VerificationDecision {
  verification: VerificationRecord;
  /** `redirect_uri` plus `state`, `result`, `redeem_code` and `sequence`. */
  redirectUrl: string;
}

/** One TPM (Tugas Praktik Mandiri) or UK (Unjuk Keterampilan) of a redeem code. */
export interface AssignmentTarget {
  /** The redeem code the submission was made for. */
  redeemCode: string;
  /** `tpm` (Tugas Praktik Mandiri) or `uk` (Unjuk Keterampilan). */
  scope: 'tpm' | 'uk';
  /** 1-998 for `tpm`, 999 for `uk`. */
  sequence: number;
}

/** Result of the program's verdict on an assignment: the decided submission and its feedback. */
export interface AssignmentDecision {
  /** The latest submission, status now 2 (accepted) or 3 (rejected). */
  submission: AssignmentRecord;
  /** The LP's latest feedback on it, with the same status. */
  feedback: AssignmentRecord;
}

/** Input of a headless SSO consent. */
export interface SsoConsentInput {
  clientId: string;
  prakerjaId: string;
  redirectUri: string;
  scope?: string;
  state?: string;
}

/**
 * The sandbox's control plane, in process. The same operations are served over HTTP under
 * `/__sandbox/` with the same JSON shapes (see the package README).
 */
export interface SandboxControl {
  /** The seeded fixtures (same JSON as `GET /__sandbox/fixtures`). */
  fixtures(): SandboxFixtures;
  /** Back to the seeded state: fixtures, clock, and no purchases, faults, webhooks or events. */
  reset(): void;
  clock: {
    /** Sandbox time. */
    now(): Date;
    /**
     * Moves sandbox time forward (fires due webhook retries); returns the new time. Throws
     * `SandboxControlError` past the year 9999.
     */
    advance(duration: DurationInput): Date;
    /** Sets sandbox time; returns it. Throws `SandboxControlError` outside 1970 to 9999. */
    set(time: Date | string | number): Date;
  };
  sms: {
    /** SMS messages sent, oldest first, optionally for one participant. */
    list(prakerjaId?: string): SmsMessage[];
    /** The OTP of the latest SMS to a participant, or undefined. */
    latestOtp(prakerjaId: string): string | undefined;
  };
  faults: {
    /** Injects a fault; throws a `SandboxControlError` for bad input. */
    add(input: FaultInput): FaultRecord;
    list(): FaultRecord[];
    remove(id: string): void;
    clear(): void;
  };
  transactions: {
    list(): TransactionRecord[];
    /** The purchase with this invoice code (any DP), or undefined. */
    byInvoice(invoiceCode: string): TransactionRecord | undefined;
  };
  redeemCodes: {
    list(): RedeemCodeRecord[];
    get(redeemCode: string): RedeemCodeRecord | undefined;
  };
  verifications: {
    list(): VerificationRecord[];
    /** Approves a pending verification without a browser (the face check passes). */
    approve(state: string): VerificationDecision;
    /** Rejects a pending verification without a browser. */
    reject(state: string): VerificationDecision;
  };
  assignments: {
    /** Submissions and feedback, oldest first, optionally of one redeem code. */
    list(redeemCode?: string): AssignmentRecord[];
    /**
     * The program's verdict "accepted" (status 2) on the latest submission of a target, which
     * must have the LP's feedback and still be pending; fires `assignment.reviewed` and counts
     * towards completion. Throws `SandboxControlError` (404 no submission, 409 no feedback yet or
     * already decided).
     */
    accept(target: AssignmentTarget): AssignmentDecision;
    /** The program's verdict "rejected" (status 3); same rules as `accept`. */
    reject(target: AssignmentTarget): AssignmentDecision;
  };
  sso: {
    /** Consents without a browser: returns a one-time code and the redirect URL. */
    consent(input: SsoConsentInput): { code: string; redirectUrl: string };
  };
  /** Registers another redirect URI for a provider. */
  addRedirectUri(clientCode: string, uri: string): void;
  webhooks: {
    add(input: WebhookEndpointInput): WebhookEndpoint;
    list(): WebhookEndpoint[];
    remove(id: string): void;
  };
  events: {
    /** Events emitted so far, oldest first, optionally of one type. */
    list(type?: string): SandboxEvent[];
    /**
     * Creates an event of the SDK's event model (`type` one of the SDK's event types, `data`
     * as given, `id` a new `evt_…` unless given) and queues a delivery to every registered
     * endpoint that takes it, through the delivery log. Throws a 400 control error for an
     * unknown type or a non-object `data`, 409 for an event id already in the log.
     */
    trigger(input: EventTriggerInput): EventTriggerResult;
  };
  deliveries: {
    /** The delivery log, oldest first; each attempt keeps the receiver's answer (status, headers, first 2 KB of body). */
    list(filter?: {
      eventId?: string;
      endpointId?: string;
      status?: DeliveryRecord['status'];
    }): DeliveryRecord[];
    get(id: string): DeliveryRecord | undefined;
    /** Queues a delivery again (same event id). */
    redeliver(id: string): DeliveryRecord;
    /** Resolves when no attempt is in flight and none is due. */
    settle(): Promise<void>;
  };
  profile: {
    /** The active profile: its base, the overridden switches and every switch. */
    get(): SandboxProfile;
    /**
     * Switches profile (a name, or `{ base, ...switches }`) and returns it; kept across
     * `reset()`. Throws a 400 `SandboxControlError` naming an unknown profile, switch or variant.
     */
    set(input: SandboxProfileInput): SandboxProfile;
  };
  state: {
    /** A JSON copy of the whole state (the active profile included). */
    export(): SandboxState;
    /**
     * Replaces the whole state (as exported), after validating every record and the links between
     * them; throws a 400 `SandboxControlError` naming the first problem's path otherwise.
     */
    import(state: unknown): void;
  };
}

/** Input of {@link SandboxControl.events}`.trigger` (and `POST /__sandbox/events`). */
export interface EventTriggerInput {
  /** One of the SDK's event types (`WEBHOOK_EVENT_TYPES` of `@prakerja-kit/webhooks`). */
  type: string;
  /** The event's `data` (default `{}`); not checked against the type's schema. */
  data?: Record<string, unknown> | undefined;
  /** The event id (default: a new `evt_…`); a receiver dedupes on it. */
  id?: string | undefined;
}

/** The created event and the deliveries queued for it (none when no endpoint takes it). */
export interface EventTriggerResult {
  event: SandboxEvent;
  deliveries: DeliveryRecord[];
}
