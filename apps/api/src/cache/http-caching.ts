import { createHash } from 'node:crypto';

/** A strong ETag: the body's SHA-256, so equal bodies (from any instance) get equal tags. */
export const etagOf = (body: string): string => `"${createHash('sha256').update(body).digest('base64url')}"`;

/** If-None-Match uses the weak comparison (RFC 9110 §13.1.2): `W/` prefixes are ignored. */
export function matchesIfNoneMatch(header: string | null, etag: string): boolean {
  if (header === null) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}

/** Shared caches (CDNs) may keep public GET answers as long as the response cache would. */
export const publicCacheControl = (ttlSeconds: number): string => `public, max-age=${ttlSeconds}`;

/** Authenticated answers, mutations, errors and POSTs: nobody keeps them. */
export const PRIVATE_CACHE_CONTROL = 'private, no-store';

/**
 * A public answer differs by the media type asked for, and one asked for with a token is not the
 * anonymous one (even though the API never marks those public).
 */
export const PUBLIC_VARY = ['Accept', 'Authorization'];

/** Adds names to a Vary header without repeating any. */
export function appendVary(current: string | null, names: readonly string[]): string {
  const present = (current ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const lower = new Set(present.map((name) => name.toLowerCase()));
  for (const name of names) if (!lower.has(name.toLowerCase())) present.push(name);
  return present.join(', ');
}

/**
 * The JSON media type to answer a request's Accept header with, or null when it asks for a
 * streaming format (SSE, multipart) that only yoga's own result processors produce.
 */
export function jsonMediaType(accept: string | null): 'application/json' | 'application/graphql-response+json' | null {
  if (accept === null || accept === '' || accept.includes('*/*')) return 'application/json';
  if (accept.includes('text/event-stream') || accept.includes('multipart/mixed')) return null;
  const json = accept.indexOf('application/json');
  const graphql = accept.indexOf('application/graphql-response+json');
  if (graphql >= 0 && (json < 0 || graphql < json)) return 'application/graphql-response+json';
  return json >= 0 ? 'application/json' : null;
}
