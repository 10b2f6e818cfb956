// The event model lives in @prakerja-kit/core/events; re-exported for imports of this module.
export type { WebhookEvent, WebhookEventOf, WebhookEventType } from '@prakerja-kit/core/events';
export {
  isWebhookEventType,
  WEBHOOK_EVENT_TYPES,
  webhookEventSchema,
  webhookEventSchemas,
} from '@prakerja-kit/core/events';
