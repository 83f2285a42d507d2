/**
 * What the public may see. Drafts, versions in review or approved but unpublished, and anything
 * whose publication time has not come yet are invisible to every public query.
 */
export function publicVersionWhere(now: Date) {
  return { status: 'PUBLISHED' as const, publishedAt: { lte: now } };
}

/**
 * Public versions that can be (or become) in force: a withdrawn version stays in the history
 * and the hash chain, marked withdrawn, but never binds.
 */
export function inForceCandidateWhere(now: Date) {
  return { ...publicVersionWhere(now), withdrawal: { is: null } };
}

/** Published feature revisions, same rule as versions. */
export function publicRevisionWhere(now: Date) {
  return { status: 'PUBLISHED' as const, publishedAt: { lte: now } };
}

/** Newest first: by effective date, then by publication. */
export const newestFirst = [
  { effectiveAt: 'desc' as const },
  { publishedAt: 'desc' as const },
  { id: 'desc' as const },
];
