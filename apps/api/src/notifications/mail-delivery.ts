/**
 * Sending one notice e-mail (a claimed MailDelivery): the change, written for the subscriber's
 * segment (its plain-language explanation), with links made absolute on CANDOR_SITE_URL and a
 * fresh one-click unsubscribe token. Only the token's hash is stored, on the delivery row, before
 * the message leaves: any message a subscriber holds can unsubscribe them.
 *
 * The Message-ID is derived from the delivery id, so a message sent twice (a worker killed after
 * sending and before recording it) carries the same Message-ID both times: the idempotency key of
 * the e-mail channel.
 */
import type { PrismaClient } from '@candor/schema';
import { subjectOf } from '@candor/schema/domain';
import type { Mailer, MailMessage } from './mailer.js';
import { changeNoticeMessage } from './notice-message.js';
import { newLinkToken, tokenHash } from './subscriptions.js';

interface EventLinks {
  page?: string;
  changes?: string | null;
}

/** The links an outbox payload carries (root-relative, domain/notifications.ts). */
function linksOf(payload: string): EventLinks {
  const parsed = JSON.parse(payload) as { data?: { links?: EventLinks } };
  return parsed.data?.links ?? {};
}

const absolute = (siteUrl: string, path: string): string => new URL(path, siteUrl).toString();

/** Joins an explanation's summary and detail into the paragraph a notice shows. */
const explanationText = (explanation: { summary: string; whatChanges: string } | undefined): string | null =>
  explanation === undefined
    ? null
    : [explanation.summary, explanation.whatChanges].filter((part) => part.trim() !== '').join('\n\n');

interface NoticeSubject {
  title: string;
  kind: 'version' | 'revision';
  material: boolean;
  summary: string;
  publishedAt: Date;
  effectiveAt: Date;
  explanation: string | null;
}

/** The fields of a version or a revision a notice is written from. */
const recordFields = (segmentKey: string) =>
  ({
    material: true,
    changeNote: true,
    publishedAt: true,
    effectiveAt: true,
    explanations: { where: { segment: { key: segmentKey } }, select: { summary: true, whatChanges: true } },
  }) as const;

interface NoticeRecord {
  material: boolean;
  changeNote: string;
  publishedAt: Date | null;
  effectiveAt: Date | null;
  explanations: { summary: string; whatChanges: string }[];
}

/** A published record's notice subject; null for one not (or no longer) found or not published. */
function subjectFrom(record: NoticeRecord | null, kind: NoticeSubject['kind'], title: string): NoticeSubject | null {
  if (record?.publishedAt == null || record.effectiveAt === null) return null;
  return {
    title,
    kind,
    material: record.material,
    summary: record.changeNote,
    publishedAt: record.publishedAt,
    effectiveAt: record.effectiveAt,
    explanation: explanationText(record.explanations[0]),
  };
}

/** What the message says about the event's record, for subscribers of `segmentKey`. */
async function noticeSubject(
  prisma: PrismaClient,
  subjectKey: string,
  segmentKey: string,
): Promise<NoticeSubject | null> {
  const subject = subjectOf(subjectKey);
  if (subject?.kind === 'version') {
    const version = await prisma.version.findUnique({
      where: { id: subject.id },
      select: { ...recordFields(segmentKey), document: { select: { title: true } } },
    });
    return subjectFrom(version, 'version', version?.document.title ?? '');
  }
  if (subject?.kind === 'revision') {
    const revision = await prisma.aiFeatureRevision.findUnique({
      where: { id: subject.id },
      select: { ...recordFields(segmentKey), feature: { select: { name: true } } },
    });
    return subjectFrom(revision, 'revision', revision?.feature.name ?? '');
  }
  return null;
}

export type MailOutcome =
  | { kind: 'sent' }
  /** The subscriber left before the message went out: nothing is owed, the row is deleted. */
  | { kind: 'gone' }
  /** This worker's claim lapsed: another worker sends it; nothing to record here. */
  | { kind: 'lost' }
  | { kind: 'failed'; error: string };

export interface MailDeliveryContext {
  prisma: PrismaClient;
  mailer: Mailer;
  /** CANDOR_SITE_URL: the origin of every link in the message. */
  siteUrl: string;
  workerId: string;
  /**
   * Reads shared by the messages of one worker round (the organisation, each segment, each
   * record as one segment sees it): a notice to thousands reads them once, not once per message.
   * Published records never change, so a round may share them; absent: every message reads its own.
   */
  shared?: Map<string, Promise<unknown>>;
}

/** `load()`, or the round's pending or settled read under `key` (a failed read is not kept). */
function sharedRead<T>(context: MailDeliveryContext, key: string, load: () => Promise<T>): Promise<T> {
  const { shared } = context;
  if (shared === undefined) return load();
  const known = shared.get(key) as Promise<T> | undefined;
  if (known !== undefined) return known;
  const read = load();
  shared.set(key, read);
  read.catch(() => shared.delete(key));
  return read;
}

/**
 * The message for a claimed delivery, with its unsubscribe token's hash stored; 'gone' when the
 * subscriber left, 'lost' when this worker's claim lapsed and another worker has the row.
 */
async function prepare(context: MailDeliveryContext, id: string): Promise<MailMessage | 'gone' | 'lost'> {
  const { prisma, siteUrl } = context;
  const delivery = await prisma.mailDelivery.findUniqueOrThrow({
    where: { id },
    include: {
      event: { select: { subjectKey: true, payload: true } },
      subscriber: { select: { address: true, segmentKey: true } },
    },
  });
  if (delivery.subscriber === null) return 'gone';
  const { segmentKey } = delivery.subscriber;
  const subjectKey = delivery.event.subjectKey;
  const [subject, segment, organization] = await Promise.all([
    sharedRead(context, `subject ${subjectKey} ${segmentKey}`, () => noticeSubject(prisma, subjectKey, segmentKey)),
    sharedRead(context, `segment ${segmentKey}`, () =>
      prisma.segment.findUnique({ where: { key: segmentKey }, select: { name: true } }),
    ),
    sharedRead(context, 'organization', () => prisma.organization.findFirst({ select: { name: true } })),
  ]);
  if (subject === null) return 'gone'; // not a published version or revision: nothing to tell
  const token = newLinkToken();
  const stored = await prisma.mailDelivery.updateMany({
    where: { id, claimedBy: context.workerId },
    data: { unsubscribeTokenHash: tokenHash(token) },
  });
  if (stored.count !== 1) return 'lost';
  const links = linksOf(delivery.event.payload);
  const message = changeNoticeMessage({
    organization: organization?.name ?? 'Candor',
    to: delivery.subscriber.address,
    ...subject,
    segmentName: segment?.name ?? delivery.subscriber.segmentKey,
    pageUrl: absolute(siteUrl, links.page ?? '/'),
    diffUrl: links.changes == null ? null : absolute(siteUrl, links.changes),
    unsubscribeUrl: absolute(siteUrl, `/unsubscribe/?token=${token}`),
  });
  return { ...message, messageId: `<${id}@notices.candor>` };
}

/** Sends one claimed delivery. */
export async function sendNoticeMail(context: MailDeliveryContext, id: string): Promise<MailOutcome> {
  let message: MailMessage | 'gone' | 'lost';
  try {
    message = await prepare(context, id);
  } catch (cause) {
    return { kind: 'failed', error: `could not write the message: ${errorText(cause)}` };
  }
  if (message === 'gone' || message === 'lost') return { kind: message };
  try {
    await context.mailer.send(message);
    return { kind: 'sent' };
  } catch (cause) {
    return { kind: 'failed', error: errorText(cause) };
  }
}

const errorText = (cause: unknown): string => (cause instanceof Error ? cause.message : String(cause));
