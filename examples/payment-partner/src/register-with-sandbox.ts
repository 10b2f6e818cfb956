/** The event types a payment partner subscribes to. */
export const INCENTIVE_EVENTS = [
  'incentive.disbursement_requested',
  'incentive.disbursement_cancelled',
];

/**
 * Development only: registers a webhook endpoint with a sandbox's control plane
 * (`POST /__sandbox/webhooks`). In production the secret comes from the sender instead.
 */
export async function registerWithSandbox(
  sandboxUrl: string,
  webhookUrl: string,
  secret: string,
): Promise<void> {
  const response = await fetch(`${sandboxUrl}/__sandbox/webhooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url: webhookUrl, secret, events: INCENTIVE_EVENTS }),
  });
  if (!response.ok)
    throw new Error(`sandbox registration failed: ${response.status} ${await response.text()}`);
}
