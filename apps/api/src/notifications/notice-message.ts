/**
 * The e-mails a subscriber receives, as plain functions of the data: the confirmation asked for by
 * double opt-in, and the notice of a change. Every message carries the one-click unsubscribe
 * headers (RFC 2369 List-Unsubscribe with an https URL, RFC 8058 List-Unsubscribe-Post) and the
 * unsubscribe link in its text, so a person can leave from any message, in any mail client.
 */
import type { MailMessage } from './mailer.js';

const DAY_MS = 86_400_000;

const longDate = (date: Date): string =>
  date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** The unsubscribe headers of every message to a subscriber. */
export function unsubscribeHeaders(unsubscribeUrl: string): Record<string, string> {
  return {
    'List-Unsubscribe': `<${unsubscribeUrl}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}

export interface ConfirmationInput {
  organization: string;
  to: string;
  /** What the subscription follows, in words: "changes for Education accounts". */
  following: string;
  confirmUrl: string;
  /** How long the link works, in hours. */
  validHours: number;
}

/** The double opt-in message: nothing is sent to the address again unless the link is followed. */
export function confirmationMessage(input: ConfirmationInput): MailMessage {
  return {
    to: input.to,
    subject: `Confirm: notices of ${input.following} (${input.organization})`,
    text: [
      `Someone, probably you, asked to be told of ${input.following} in ${input.organization}'s terms and AI features.`,
      '',
      `To confirm, open this link within ${input.validHours} hours:`,
      input.confirmUrl,
      '',
      // One line per paragraph: mail clients wrap text themselves (a hard break mid-sentence shows).
      'If you did not ask for this, ignore this message: you will not hear from us again, and the address is deleted when the link expires.',
    ].join('\n'),
  };
}

export interface ChangeNoticeInput {
  organization: string;
  to: string;
  /** "Terms of Service" or "Meeting summary". */
  title: string;
  /** 'version' of a document or 'revision' of an AI feature's facts. */
  kind: 'version' | 'revision';
  material: boolean;
  /** The subscriber's segment, by name ("Education (schools and universities)"). */
  segmentName: string;
  /** The plain-language explanation for that segment; null when the change has none for it. */
  explanation: string | null;
  /** The editor's summary of the change. */
  summary: string;
  effectiveAt: Date;
  publishedAt: Date;
  /** The page of the change, and of its comparison with what was in force before. */
  pageUrl: string;
  diffUrl: string | null;
  unsubscribeUrl: string;
}

/** Whole days of notice between publication and effect (0 when it takes effect at once). */
export function noticeDays(publishedAt: Date, effectiveAt: Date): number {
  return Math.max(0, Math.floor((effectiveAt.getTime() - publishedAt.getTime()) / DAY_MS));
}

/** The notice of one published change, written for the subscriber's segment. */
export function changeNoticeMessage(input: ChangeNoticeInput): MailMessage {
  const when = longDate(input.effectiveAt);
  const days = noticeDays(input.publishedAt, input.effectiveAt);
  const subject = `${input.organization}: ${input.title} ${input.kind === 'version' ? 'changes' : 'facts change'} on ${when}${input.material ? '' : ' (not a material change)'}`;
  const lines = [
    `${input.title} ${input.kind === 'version' ? 'has a new version' : 'has a revised facts label'}, published ${longDate(input.publishedAt)}, taking effect on ${when}${days > 0 ? ` (${days} days' notice)` : ' (at once)'}.`,
    input.material
      ? 'The organisation marked it a material change: it can change what you agreed to.'
      : 'The organisation did not mark it a material change.',
    '',
    `What changes for ${input.segmentName}:`,
    input.explanation ?? 'The organisation gave no explanation for this kind of account.',
    '',
    `Summary: ${input.summary}`,
    '',
    `Read it: ${input.pageUrl}`,
    ...(input.diffUrl === null ? [] : [`What changed, clause by clause: ${input.diffUrl}`]),
    '',
    '—',
    `Stop these notices (one click, and your address is deleted): ${input.unsubscribeUrl}`,
  ];
  return { to: input.to, subject, text: lines.join('\n'), headers: unsubscribeHeaders(input.unsubscribeUrl) };
}
