/**
 * Notification events (the outbox, issue 18): what a publication, a withdrawal or a consent
 * release tells partners, built here once so every service writes the same shape. Pure: the
 * services call `notificationEvent` inside their own transaction and store what it returns.
 *
 * The body follows the Standard Webhooks payload structure, `{ type, timestamp, data }`:
 * `timestamp` is when the change happened (not when it was sent), `data` carries the record's
 * public identifiers (the GraphQL `id` and the human ones), the material flag, the dates and
 * links to the public site, root-relative (`/documents/terms/2026-03/`).
 */
import { DomainError } from './errors.js';

export const NOTIFICATION_EVENT_TYPES = [
  'version.published',
  'version.in_effect',
  'version.withdrawn',
  'revision.published',
  'revision.in_effect',
  'revision.withdrawn',
  'consent_release.published',
] as const;

export type NotificationEventType = (typeof NOTIFICATION_EVENT_TYPES)[number];

export const isNotificationEventType = (text: string): text is NotificationEventType =>
  (NOTIFICATION_EVENT_TYPES as readonly string[]).includes(text);

export type NotificationSubject =
  | {
      kind: 'version';
      id: string;
      document: string;
      label: string;
      /**
       * The label of the version it is compared with; null or absent for a first version, which
       * has no changes page (the payload then links no comparison).
       */
      comparedWith?: string | null | undefined;
      material: boolean;
      publishedAt: Date;
      effectiveAt: Date;
    }
  | {
      kind: 'revision';
      id: string;
      feature: string;
      number: number;
      material: boolean;
      publishedAt: Date;
      effectiveAt: Date;
    }
  | { kind: 'consent_release'; id: string; releasedAt: Date; correction: boolean; rows: number };

/** What a service stores as a NotificationEvent row. */
export interface NotificationEventRow {
  type: NotificationEventType;
  subjectKey: string;
  material: boolean;
  payload: string;
  occurredAt: Date;
  dueAt: Date;
}

const enc = encodeURIComponent;
const versionPath = (document: string, label: string) => `/documents/${enc(document)}/${enc(label)}/`;

/** The subject key of a record: `version:<id>`, `revision:<id>`, `consent_release:<id>`. */
export const subjectKeyOf = (subject: Pick<NotificationSubject, 'kind' | 'id'>): string =>
  `${subject.kind}:${subject.id}`;

/**
 * The event `type` says happened to `subject` at `occurredAt`. Publications and withdrawals are
 * due at once; `*.in_effect` at the subject's effective date (the worker skips it if the record
 * was withdrawn by then).
 *
 * @throws DomainError BAD_USER_INPUT when the type does not fit the subject.
 */
export function notificationEvent(
  type: NotificationEventType,
  subject: NotificationSubject,
  occurredAt: Date,
): NotificationEventRow {
  const [kind] = type.split('.');
  if (kind !== subject.kind) throw new DomainError('BAD_USER_INPUT', `Event ${type} is not about a ${subject.kind}`);
  const inEffect = type.endsWith('.in_effect');
  let data: Record<string, unknown>;
  let material = false;
  let dueAt = occurredAt;
  switch (subject.kind) {
    case 'version': {
      material = subject.material;
      if (inEffect) dueAt = subject.effectiveAt;
      const page = versionPath(subject.document, subject.label);
      data = {
        id: subject.id,
        document: subject.document,
        label: subject.label,
        material,
        publishedAt: subject.publishedAt.toISOString(),
        effectiveAt: subject.effectiveAt.toISOString(),
        links: {
          page,
          changes: (subject.comparedWith ?? null) === null ? null : `${page}changes/`,
          document: `/documents/${enc(subject.document)}/`,
        },
      };
      break;
    }
    case 'revision': {
      material = subject.material;
      if (inEffect) dueAt = subject.effectiveAt;
      data = {
        id: subject.id,
        feature: subject.feature,
        number: subject.number,
        material,
        publishedAt: subject.publishedAt.toISOString(),
        effectiveAt: subject.effectiveAt.toISOString(),
        links: { page: `/ai-features/${enc(subject.feature)}/#revision-${subject.number}` },
      };
      break;
    }
    case 'consent_release': {
      data = {
        id: subject.id,
        kind: subject.correction ? 'CORRECTION' : 'RELEASE',
        releasedAt: subject.releasedAt.toISOString(),
        rows: subject.rows,
        links: { page: '/consent/' },
      };
      break;
    }
  }
  const timestamp = (inEffect ? dueAt : occurredAt).toISOString();
  return {
    type,
    subjectKey: subjectKeyOf(subject),
    material,
    payload: JSON.stringify({ type, timestamp, data }),
    occurredAt,
    dueAt,
  };
}

/** Whether an endpoint's filter (comma-separated types, empty for all) takes events of `type`. */
export function endpointWants(eventTypes: string, type: string): boolean {
  const wanted = parseEventTypes(eventTypes);
  return wanted.length === 0 || wanted.includes(type as NotificationEventType);
}

export const parseEventTypes = (text: string): NotificationEventType[] =>
  text
    .split(',')
    .map((t) => t.trim())
    .filter((t): t is NotificationEventType => t !== '' && isNotificationEventType(t));
