/**
 * The public's e-mail subscriptions in the database: asking for one (double opt-in), confirming
 * it, leaving, and forgetting addresses nobody confirmed. The endpoints
 * (plugins/use-subscription-forms.ts) call these; the worker calls `purgeExpiredSubscribers`.
 *
 * Nothing here tells a caller whether an address is subscribed: asking again for a subscription
 * that exists does the same work as asking for a new one, and leaving with an unknown or used link
 * looks like leaving. Only the hashes of link tokens are stored (subscriptions.ts).
 */
import { classifyDatabaseError, type PrismaClient } from '@candor/schema';
import {
  CONFIRMATION_TTL_MS,
  newLinkToken,
  normalizeAddress,
  SUBSCRIPTION_MODES,
  type SubscriptionMode,
  type SubscriptionSubject,
  tokenHash,
} from './subscriptions.js';

/** The subscribe form's fields, as sent (form-encoded strings). */
export interface SubscriptionForm {
  email: string;
  segment: string;
  /** `everything`, `document:<slug>` or `feature:<slug>`. */
  follow: string;
  mode: string;
}

export type SubscriptionField = keyof SubscriptionForm;

/** The form's fields in the order the form shows them: the first bad one is the one explained. */
export const SUBSCRIPTION_FIELDS: readonly SubscriptionField[] = ['email', 'segment', 'follow', 'mode'];

/** A request whose every field checked out. */
export interface ValidSubscription {
  address: string;
  segment: string;
  subject: SubscriptionSubject;
  /** The document or feature slug; "" for everything. */
  subjectKey: string;
  mode: SubscriptionMode;
  /** What it follows, in words, for the confirmation message: "material changes to … for …". */
  following: string;
}

export type SubscriptionCheck =
  | { ok: true; subscription: ValidSubscription }
  | { ok: false; fields: SubscriptionField[] };

const FOLLOW = /^(document|feature):([a-z0-9][a-z0-9-]{0,99})$/;

/**
 * Checks every field (reads only): the address's spelling, a segment in use, a document that
 * applies to that segment or a feature, both in use, and the mode. Lists every bad field, in the
 * form's order.
 */
export async function checkSubscription(prisma: PrismaClient, form: SubscriptionForm): Promise<SubscriptionCheck> {
  const bad = new Set<SubscriptionField>();
  const address = normalizeAddress(form.email);
  if (address === null) bad.add('email');
  const mode = SUBSCRIPTION_MODES.find((known) => known === form.mode);
  if (mode === undefined) bad.add('mode');

  const segment = await prisma.segment.findUnique({
    where: { key: form.segment.slice(0, 100) },
    select: { key: true, name: true, retiredAt: true },
  });
  const segmentOk = segment !== null && segment.retiredAt === null;
  if (!segmentOk) bad.add('segment');

  let subject: SubscriptionSubject = 'everything';
  let subjectKey = '';
  let about = '';
  const follow = FOLLOW.exec(form.follow);
  if (form.follow === 'everything') {
    about = 'changes';
  } else if (follow?.[1] === 'document') {
    subject = 'document';
    subjectKey = follow[2] ?? '';
    const document = await prisma.document.findUnique({
      where: { slug: subjectKey },
      select: { title: true, retiredAt: true, segments: { select: { segment: { select: { key: true } } } } },
    });
    const applies = !segmentOk || document?.segments.some((link) => link.segment.key === segment.key) === true;
    if (document === null || document.retiredAt !== null || !applies) bad.add('follow');
    else about = `changes to the ${document.title}`;
  } else if (follow?.[1] === 'feature') {
    subject = 'feature';
    subjectKey = follow[2] ?? '';
    const feature = await prisma.aiFeature.findUnique({
      where: { slug: subjectKey },
      select: { name: true, retiredAt: true },
    });
    if (feature === null || feature.retiredAt !== null) bad.add('follow');
    else about = `changes to the AI feature ${feature.name}`;
  } else {
    bad.add('follow');
  }

  if (bad.size > 0 || address === null || mode === undefined || segment === null) {
    return { ok: false, fields: SUBSCRIPTION_FIELDS.filter((field) => bad.has(field)) };
  }
  return {
    ok: true,
    subscription: {
      address,
      segment: segment.key,
      subject,
      subjectKey,
      mode,
      following: `${mode === 'material' ? 'material' : 'all'} ${about} for ${segment.name}`,
    },
  };
}

/**
 * Stores the subscription with a fresh confirmation link and returns the link's token. The row
 * for the same address and scope is reused: a confirmed one stays confirmed (following the new
 * link again is harmless), a pending one gets the new link (the older link stops working).
 */
export async function storeSubscription(
  prisma: PrismaClient,
  subscription: ValidSubscription,
  now: Date,
): Promise<string> {
  const token = newLinkToken();
  const scope = {
    address: subscription.address,
    segmentKey: subscription.segment,
    subject: subscription.subject,
    subjectKey: subscription.subjectKey,
    mode: subscription.mode,
  };
  const link = { confirmTokenHash: tokenHash(token), confirmExpiresAt: new Date(now.getTime() + CONFIRMATION_TTL_MS) };
  const upsert = () =>
    prisma.subscriber.upsert({
      where: { address_segmentKey_subject_subjectKey_mode: scope },
      create: { ...scope, ...link, createdAt: now },
      update: link,
      select: { id: true },
    });
  try {
    await upsert();
  } catch (error) {
    // Two requests for the same new row at once: the loser's create collides; the row exists now.
    if (classifyDatabaseError(error) !== 'unique-violation') throw error;
    await upsert();
  }
  return token;
}

export type RequestResult =
  | { ok: true; token: string; subscription: ValidSubscription }
  | { ok: false; fields: SubscriptionField[] };

/** Checks the form, then stores it: nothing is written when any field is bad. */
export async function requestSubscription(
  prisma: PrismaClient,
  form: SubscriptionForm,
  now: Date,
): Promise<RequestResult> {
  const check = await checkSubscription(prisma, form);
  if (!check.ok) return check;
  return {
    ok: true,
    token: await storeSubscription(prisma, check.subscription, now),
    subscription: check.subscription,
  };
}

/** A link token as newLinkToken makes them: anything else is not looked up. */
const LINK_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Follows a confirmation link: 'confirmed' when it was pending and in time, else 'expired'
 * (unknown, used, or past its 48 hours — the same answer for all three).
 */
export async function confirmSubscription(
  prisma: PrismaClient,
  token: string,
  now: Date,
): Promise<'confirmed' | 'expired'> {
  if (!LINK_TOKEN.test(token)) return 'expired';
  const hash = tokenHash(token);
  const row = await prisma.subscriber.findUnique({
    where: { confirmTokenHash: hash },
    select: { id: true, confirmedAt: true, confirmExpiresAt: true },
  });
  if (row === null || row.confirmExpiresAt === null || row.confirmExpiresAt <= now) return 'expired';
  // Conditional on the hash: of two clicks at once, one confirms and the other finds it used.
  const { count } = await prisma.subscriber.updateMany({
    where: { id: row.id, confirmTokenHash: hash },
    data: { confirmedAt: row.confirmedAt ?? now, confirmTokenHash: null, confirmExpiresAt: null },
  });
  return count === 1 ? 'confirmed' : 'expired';
}

/**
 * Leaves with a link's token: a pending confirmation link's, or the one-click link of a notice
 * (MailDelivery.unsubscribeTokenHash). The subscription's row, and with it the address, is
 * deleted; the deliveries keep their counts without it (subscriberId is set null). An unknown or
 * used token does nothing, and the caller answers as if it had worked.
 */
export async function unsubscribe(prisma: PrismaClient, token: string): Promise<void> {
  if (!LINK_TOKEN.test(token)) return;
  const hash = tokenHash(token);
  await prisma.$transaction(async (tx) => {
    const delivery = await tx.mailDelivery.findUnique({
      where: { unsubscribeTokenHash: hash },
      select: { subscriberId: true },
    });
    await tx.subscriber.deleteMany({
      where: {
        OR: [{ confirmTokenHash: hash }, ...(delivery?.subscriberId == null ? [] : [{ id: delivery.subscriberId }])],
      },
    });
  });
}

/**
 * Forgets addresses nobody confirmed once their link expired (the privacy statement's 48 hours),
 * and drops expired links of confirmed subscriptions. Returns how many addresses were deleted.
 * The notification worker calls it every round.
 */
export async function purgeExpiredSubscribers(prisma: PrismaClient, now: Date): Promise<number> {
  const [deleted] = await prisma.$transaction([
    prisma.subscriber.deleteMany({ where: { confirmedAt: null, confirmExpiresAt: { lt: now } } }),
    prisma.subscriber.updateMany({
      where: { confirmedAt: { not: null }, confirmExpiresAt: { lt: now } },
      data: { confirmTokenHash: null, confirmExpiresAt: null },
    }),
  ]);
  return deleted.count;
}
