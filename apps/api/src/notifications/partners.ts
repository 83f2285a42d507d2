/**
 * The API's side of partner webhooks: the WebhookPolicy the services and the GraphQL mutations
 * use (Standard Webhooks secrets, the target policy after a DNS lookup), and the host lookup the
 * worker shares. The services themselves are @candor/schema's (services/webhooks.ts).
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { WebhookPolicy } from '@candor/schema';
import { newWebhookSecret } from './standard-webhooks.js';
import { checkWebhookTarget } from './target-policy.js';

/** A host name's addresses (an IP literal is its own); none when it does not resolve. */
export async function resolveHost(hostname: string): Promise<string[]> {
  const bare = hostname.replace(/^\[|\]$/g, '');
  if (isIP(bare) !== 0) return [bare];
  try {
    return (await lookup(bare, { all: true })).map((entry) => entry.address);
  } catch {
    return [];
  }
}

export function webhookPolicy(options: {
  allowPrivate: boolean;
  resolve?: (hostname: string) => Promise<string[]>;
}): WebhookPolicy {
  const resolve = options.resolve ?? resolveHost;
  return {
    newSecret: newWebhookSecret,
    async checkTarget(url) {
      const addresses = URL.canParse(url) ? await resolve(new URL(url).hostname) : [];
      return checkWebhookTarget(url, addresses, { allowPrivate: options.allowPrivate });
    },
  };
}
