/**
 * Sending one claimed webhook delivery: the target is checked again (DNS, then target-policy.ts:
 * an address may have changed since registration), the event's JSON body is POSTed with the
 * Standard Webhooks headers (every active secret signs during a rotation) under a timeout,
 * redirects not followed. A 2xx delivers; anything else is a failure the worker retries.
 */
import type { PrismaClient } from '@candor/schema';
import { signWebhook } from './standard-webhooks.js';
import { checkWebhookTarget } from './target-policy.js';

export interface WebhookDeliveryContext {
  prisma: PrismaClient;
  allowPrivate: boolean;
  timeoutMs: number;
  resolve: (hostname: string) => Promise<string[]>;
  /** The time stamped into `webhook-timestamp`. */
  signingClock: () => Date;
}

export interface WebhookOutcome {
  ok: boolean;
  /** The HTTP status, null when no response came. */
  httpStatus: number | null;
  error: string | null;
  /** True when no retry can help (the endpoint or its partner was disabled). */
  final: boolean;
}

const DISABLED = 'the endpoint was disabled';

export async function sendWebhook(context: WebhookDeliveryContext, id: string, now: Date): Promise<WebhookOutcome> {
  const delivery = await context.prisma.webhookDelivery.findUniqueOrThrow({
    where: { id },
    include: { event: true, endpoint: { include: { partner: { select: { disabledAt: true } } } } },
  });
  const { endpoint, event } = delivery;
  if (endpoint.disabledAt !== null || endpoint.partner.disabledAt !== null) {
    return { ok: false, httpStatus: null, error: DISABLED, final: true };
  }
  const problem = checkWebhookTarget(endpoint.url, await context.resolve(new URL(endpoint.url).hostname), {
    allowPrivate: context.allowPrivate,
  });
  if (problem !== null)
    return { ok: false, httpStatus: null, error: `${problem.code}: ${problem.message}`, final: false };
  const secrets = [endpoint.secret];
  if (endpoint.previousSecret !== null && endpoint.previousSecretUntil !== null && endpoint.previousSecretUntil > now) {
    secrets.push(endpoint.previousSecret);
  }
  const headers = signWebhook({ secrets, id: event.id, timestamp: context.signingClock(), body: event.payload });
  try {
    const response = await fetch(endpoint.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Candor-Webhooks/1', ...headers },
      body: event.payload,
      redirect: 'manual',
      signal: AbortSignal.timeout(context.timeoutMs),
    });
    await response.body?.cancel().catch(() => undefined);
    const ok = response.status >= 200 && response.status < 300;
    return { ok, httpStatus: response.status, error: ok ? null : `HTTP ${response.status}`, final: false };
  } catch (cause) {
    const error =
      cause instanceof Error && cause.name === 'TimeoutError'
        ? `no answer within ${context.timeoutMs} ms`
        : `request failed: ${cause instanceof Error ? (cause.cause instanceof Error ? cause.cause.message : cause.message) : String(cause)}`;
    return { ok: false, httpStatus: null, error, final: false };
  }
}
