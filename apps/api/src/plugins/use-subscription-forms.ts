import type { Database } from '@candor/schema';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from '../logger.js';
import type { Mailer } from '../notifications/mailer.js';
import { confirmationMessage, unsubscribeHeaders } from '../notifications/notice-message.js';
import {
  checkSubscription,
  confirmSubscription,
  type SubscriptionForm,
  storeSubscription,
  unsubscribe,
} from '../notifications/subscriber-store.js';
import { CONFIRMATION_TTL_MS, tokenHash } from '../notifications/subscriptions.js';
import { exchangeOf } from '../pipeline/exchange.js';
import type { RateLimitStore } from '../rate-limit/store.js';

export interface SubscriptionFormsOptions {
  database: Database;
  mailer: Mailer;
  clock: () => Date;
  logger: Logger;
  /** CANDOR_SITE_URL: the origin of the links in the confirmation message. */
  siteUrl: string;
  /** The instance's rate-limit windows (in memory, or shared through Redis). */
  rateLimitStore: RateLimitStore;
  /** Subscribe requests per client address and hour (CANDOR_SUBSCRIBE_LIMIT); 0: no limit. */
  perClientPerHour: number;
}

/** Confirmation messages one address can be sent a day: enough for typing mistakes, too few to harass anyone. */
export const CONFIRMATIONS_PER_ADDRESS_PER_DAY = 3;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** A form of four short fields (or RFC 8058's one) is far below this; anything larger is not one. */
const MAX_FORM_BYTES = 16_384;

export const SUBSCRIBE_PATH = '/subscribe/';
export const CHECK_INBOX_PATH = '/subscribe/check-your-inbox/';
export const CONFIRM_PATH = '/subscribe/confirm/';
export const CONFIRMED_PATH = '/subscribe/confirmed/';
export const UNSUBSCRIBE_PATH = '/unsubscribe/';
export const UNSUBSCRIBED_PATH = '/unsubscribe/done/';

const seeOther = (location: string): Response => new Response(null, { status: 303, headers: { location } });

/** `/subscribe` and `/subscribe/` are one form. */
const samePath = (pathname: string, path: string): boolean => pathname === path || `${pathname}/` === path;

const page = (status: number, title: string, text: string, headers: Record<string, string> = {}): Response =>
  new Response(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body><main><h1>${title}</h1><p>${text}</p><p><a href="/">Back to the site</a></p></main></body></html>`,
    { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers } },
  );

/** The form's fields; an unreadable or oversized body reads as an empty form. */
async function formOf(request: Request): Promise<FormData | null> {
  const length = Number(request.headers.get('content-length') ?? '0');
  if (length > MAX_FORM_BYTES) return null;
  try {
    return await request.formData();
  } catch {
    return new FormData();
  }
}

const field = (form: FormData, name: string): string => {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
};

/**
 * The e-mail subscription forms, answered without JavaScript (form-encoded POSTs, 303 to a page
 * of the static site, which explains each anchor):
 *
 * - POST /subscribe/ (email, segment, follow, mode): checks every field (a bad one: back to
 *   /subscribe/#bad-<field>, nothing stored), stores the subscription with a fresh confirmation
 *   link and mails it, then /subscribe/check-your-inbox/. Whether the address was subscribed
 *   already changes neither the answer nor the work. Limits: CANDOR_SUBSCRIBE_LIMIT requests per
 *   client address and hour (429), and CONFIRMATIONS_PER_ADDRESS_PER_DAY messages per address
 *   (past it nothing is stored or sent, and the answer is the same).
 * - POST /subscribe/confirm/?token=…: confirms, then /subscribe/confirmed/ (an unknown, used or
 *   expired link: /subscribe/#link-expired).
 * - POST /unsubscribe/?token=…: deletes the subscription, then /unsubscribe/done/, whatever the
 *   token; with RFC 8058's body `List-Unsubscribe=One-Click` (a mail client's unsubscribe button)
 *   200 instead of a redirect.
 *
 * GET of each is the static page (a button that POSTs): mail scanners fetch links, and a fetch
 * must never confirm or unsubscribe anyone.
 */
export function useSubscriptionForms(options: SubscriptionFormsOptions): Plugin {
  const { database, mailer, clock, logger, siteUrl, rateLimitStore } = options;
  const { prisma } = database;

  /** Points used in the key's window after charging one, or null when the store failed (fail open). */
  const charge = async (key: string, windowMs: number): Promise<{ used: number; resetInMs: number } | null> => {
    try {
      return await rateLimitStore.consume(key, 1, windowMs);
    } catch (error) {
      logger.warn('subscription rate limit unavailable; failing open', { error: String(error) });
      return null;
    }
  };

  async function subscribe(request: Request): Promise<Response> {
    const client = exchangeOf(request)?.client ?? 'unknown';
    if (options.perClientPerHour > 0) {
      const usage = await charge(`subscribe:client:${client}`, HOUR_MS);
      if (usage !== null && usage.used > options.perClientPerHour) {
        const retryAfter = Math.max(1, Math.ceil(usage.resetInMs / 1000));
        return page(
          429,
          'Too many subscription requests',
          `Too many subscription requests came from your network in the last hour. Please try again in ${Math.ceil(retryAfter / 60)} minutes.`,
          { 'retry-after': String(retryAfter) },
        );
      }
    }
    const form = await formOf(request);
    if (form === null) return page(413, 'Form too large', 'That is not the subscription form.');
    const input: SubscriptionForm = {
      email: field(form, 'email'),
      segment: field(form, 'segment'),
      follow: field(form, 'follow'),
      mode: field(form, 'mode') || 'material',
    };
    const check = await checkSubscription(prisma, input);
    if (!check.ok) return seeOther(`${SUBSCRIBE_PATH}#bad-${check.fields[0] ?? 'email'}`);
    const { subscription } = check;
    // Keyed by the address's hash: the rate-limit store (Redis) never holds an address.
    const perAddress = await charge(`subscribe:address:${tokenHash(subscription.address.toLowerCase())}`, DAY_MS);
    if (perAddress !== null && perAddress.used > CONFIRMATIONS_PER_ADDRESS_PER_DAY) {
      logger.info('subscription request not mailed: the address had its confirmations for the day');
      return seeOther(CHECK_INBOX_PATH);
    }
    const token = await storeSubscription(prisma, subscription, clock());
    const organization = await prisma.organization.findFirst({ select: { name: true } });
    const unsubscribeUrl = new URL(`${UNSUBSCRIBE_PATH}?token=${token}`, siteUrl).toString();
    const message = confirmationMessage({
      organization: organization?.name ?? 'the organisation',
      to: subscription.address,
      following: subscription.following,
      confirmUrl: new URL(`${CONFIRM_PATH}?token=${token}`, siteUrl).toString(),
      validHours: CONFIRMATION_TTL_MS / HOUR_MS,
    });
    try {
      // The confirmation link also leaves at once: someone who did not ask can delete the address now.
      await mailer.send({
        ...message,
        text: `${message.text}\n\nOr delete the address now (one click): ${unsubscribeUrl}`,
        headers: unsubscribeHeaders(unsubscribeUrl),
      });
    } catch (error) {
      logger.error('confirmation message not sent', { error: String(error) });
      return page(
        503,
        'The confirmation message could not be sent',
        'Nothing went out to your address. Please try again in a few minutes.',
        { 'retry-after': '300' },
      );
    }
    logger.info('subscription requested', { segment: subscription.segment, subject: subscription.subject });
    return seeOther(CHECK_INBOX_PATH);
  }

  async function confirm(url: URL): Promise<Response> {
    const outcome = await confirmSubscription(prisma, url.searchParams.get('token') ?? '', clock());
    if (outcome === 'confirmed') logger.info('subscription confirmed');
    return seeOther(outcome === 'confirmed' ? CONFIRMED_PATH : `${SUBSCRIBE_PATH}#link-expired`);
  }

  async function leave(request: Request, url: URL): Promise<Response> {
    const form = await formOf(request);
    await unsubscribe(prisma, url.searchParams.get('token') ?? '');
    // RFC 8058: the mail client's one-click POST wants a plain success, not a page to follow.
    if (form !== null && field(form, 'List-Unsubscribe') === 'One-Click') {
      return new Response('Unsubscribed: the address is deleted.\n', {
        status: 200,
        headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
      });
    }
    return seeOther(UNSUBSCRIBED_PATH);
  }

  return {
    async onRequest({ request, url, endResponse }) {
      if (request.method !== 'POST') return;
      if (samePath(url.pathname, SUBSCRIBE_PATH)) endResponse(await subscribe(request));
      else if (samePath(url.pathname, CONFIRM_PATH)) endResponse(await confirm(url));
      else if (samePath(url.pathname, UNSUBSCRIBE_PATH)) endResponse(await leave(request, url));
    },
  };
}
