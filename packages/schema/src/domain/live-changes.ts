/**
 * Live updates (issue 18): the outbox events the API streams to GraphQL subscribers
 * (`changePublished`), and which of them a subscriber's filter keeps. Pure: the API works out an
 * event's scope once, when it publishes it, so every instance and every subscriber filters
 * without reading the database.
 */
import type { NotificationEventType } from './notifications.js';

/** What a change is about, as the filters see it. */
export interface ChangeScope {
  /** The document slug of a version event; empty otherwise. */
  documents: readonly string[];
  /** The feature slug of a revision event; the features a consent release has rows for. */
  features: readonly string[];
  /**
   * The segments it applies to: a version's document's segments, the segments a revision states
   * facts for, the segments a consent release has rows for.
   */
  segments: readonly string[];
}

/** One outbox event as live updates carry it (between instances: as JSON, through Redis). */
export interface LiveChange {
  /** The outbox event's id: the same as the webhooks' `webhook-id`. */
  id: string;
  type: NotificationEventType;
  /** `version:<id>`, `revision:<id>` or `consent_release:<id>`. */
  subjectKey: string;
  material: boolean;
  /** The webhook payload (domain/notifications.ts): `{ type, timestamp, data }`. */
  payload: string;
  /** When it was dispatched (ISO 8601): the moment subscribers see the record as of. */
  dispatchedAt: string;
  scope: ChangeScope;
}

/** A subscriber's filter; every field absent (null) keeps everything. */
export interface ChangeFilter {
  segment: string | null;
  document: string | null;
  feature: string | null;
  /** Null: every type. */
  types: readonly NotificationEventType[] | null;
}

/**
 * Whether a subscriber with `filter` is told about `change`. `document` and `feature` each keep
 * the changes about that document or feature; given both, a change about either is kept (one
 * stream can follow a document and a feature). `segment` then keeps those that apply to it, and
 * `types` those of the types listed.
 */
export function changeMatches(filter: ChangeFilter, change: Pick<LiveChange, 'type' | 'scope'>): boolean {
  if (filter.types !== null && !filter.types.includes(change.type)) return false;
  const { scope } = change;
  if (filter.document !== null || filter.feature !== null) {
    const aboutDocument = filter.document !== null && scope.documents.includes(filter.document);
    const aboutFeature = filter.feature !== null && scope.features.includes(filter.feature);
    if (!aboutDocument && !aboutFeature) return false;
  }
  return filter.segment === null || scope.segments.includes(filter.segment);
}

/** The record a subject key names: its kind and id (null for a key of no known kind). */
export function subjectOf(subjectKey: string): { kind: 'version' | 'revision' | 'consent_release'; id: string } | null {
  const colon = subjectKey.indexOf(':');
  const kind = subjectKey.slice(0, colon);
  const id = subjectKey.slice(colon + 1);
  if (colon < 0 || id === '') return null;
  return kind === 'version' || kind === 'revision' || kind === 'consent_release' ? { kind, id } : null;
}

/**
 * Where subscribers get changes from (the API's live updates: in process, or through Redis across
 * instances). `keep` is applied before a change is queued for the subscriber.
 */
export interface ChangeFeed {
  subscribe(keep: (change: LiveChange) => boolean): AsyncIterable<LiveChange>;
}
