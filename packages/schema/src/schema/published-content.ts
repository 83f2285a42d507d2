/**
 * What publication froze, kept in memory across requests.
 *
 * A published version's clauses and explanations, and a published AI-feature revision's facts
 * and explanations, never change: the database refuses UPDATE and DELETE on them (triggers, ADR 0002), and a
 * correction is a new version. So once read, they can answer every later request without SQL —
 * which is what makes an uncached read of published terms cheap (issue 6): most of a nested
 * query's rows and most of its Prisma calls are these. What can still change (which versions are
 * public, withdrawn or in force, which revisions exist) is the catalogue's (catalogue.ts), checked
 * against the database on every request.
 *
 * Drafts, and versions or revisions still in review, are never kept: an editor may still change
 * them. Segments are configuration written once by the seed; they are kept per client too, and
 * read again whenever an id is not found among them.
 *
 * The cache belongs to one Prisma client (one database): tests and the CLI open several in one
 * process, and ids from one database mean nothing in another.
 */
import type { PrismaClient } from '../db/client.js';
import type { AiFeatureFacts, Clause, Explanation, RevisionExplanation, Segment } from '../generated/sqlite/client.js';

/**
 * Published versions (and, separately, revisions) whose content is kept. A version of 20 clauses
 * is ~20–40 kB in memory, so the default bounds the cache to roughly 100 MB at worst; the least
 * recently read go first.
 */
export const PUBLISHED_CONTENT_CAPACITY = 2_000;

/** A map that forgets its least recently read entry beyond `capacity`. */
export class RecentlyUsedMap<K, V> {
  readonly #entries = new Map<K, V>();
  constructor(readonly capacity: number) {}

  get(key: K): V | undefined {
    const value = this.#entries.get(key);
    if (value !== undefined) {
      // Map keeps insertion order: re-inserting moves the entry to the "most recent" end.
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
  }

  get size(): number {
    return this.#entries.size;
  }
}

export interface PublishedContent {
  /** Clauses of a published version, in reading order. */
  clauses: RecentlyUsedMap<string, readonly Clause[]>;
  /** Explanations of a published version, in segment display order. */
  explanations: RecentlyUsedMap<string, readonly Explanation[]>;
  /** Facts of a published AI-feature revision, in segment display order. */
  facts: RecentlyUsedMap<string, readonly AiFeatureFacts[]>;
  /** Explanations of a published AI-feature revision, in segment display order. */
  revisionExplanations: RecentlyUsedMap<string, readonly RevisionExplanation[]>;
  /** Every segment (null until first read; a promise so that concurrent requests share one read). */
  segments: Promise<SegmentIndex> | null;
}

export interface SegmentIndex {
  byId: ReadonlyMap<string, Segment>;
  byKey: ReadonlyMap<string, Segment>;
}

const contentByClient = new WeakMap<PrismaClient, PublishedContent>();

/** The published-content cache of one database client, created on first use. */
export function publishedContentOf(prisma: PrismaClient, capacity = PUBLISHED_CONTENT_CAPACITY): PublishedContent {
  let content = contentByClient.get(prisma);
  if (content === undefined) {
    content = {
      clauses: new RecentlyUsedMap(capacity),
      explanations: new RecentlyUsedMap(capacity),
      facts: new RecentlyUsedMap(capacity),
      revisionExplanations: new RecentlyUsedMap(capacity),
      segments: null,
    };
    contentByClient.set(prisma, content);
  }
  return content;
}

/** Drops a client's cache, so that tests can count the statements of a first read. */
export function forgetPublishedContent(prisma: PrismaClient): void {
  contentByClient.delete(prisma);
}
