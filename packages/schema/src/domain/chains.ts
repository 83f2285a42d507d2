/**
 * The chains every public record belongs to (ADR 0005). Each chain is append-only: a record's
 * canonical text includes the hash of the record before it in the same chain, and every
 * checkpoint (checkpoint.ts) signs each chain's length and newest hash.
 *
 *   document/<slug>    the document's published versions, in publication order (canonical.ts)
 *   feature/<slug>     the AI feature's published revisions, in publication order (public-records.ts)
 *   withdrawals        every withdrawal of a version or a revision, in the order they were made
 *   consent-releases   every release of consent statistics, in the order they were published
 *   definitions        every change to what the organisation defines (its profile, segments,
 *                      documents, features: definitions.ts), in the order they were made
 */
export const CHAIN_KINDS = ['document', 'feature', 'withdrawals', 'consent-releases', 'definitions'] as const;
export type ChainKind = (typeof CHAIN_KINDS)[number];

export const WITHDRAWALS_CHAIN = 'withdrawals';
export const CONSENT_RELEASES_CHAIN = 'consent-releases';
export const DEFINITIONS_CHAIN = 'definitions';

export const documentChain = (slug: string): string => `document/${slug}`;
export const featureChain = (slug: string): string => `feature/${slug}`;

/** What a chain name says: its kind and, for documents and features, the slug. */
export function parseChainName(chain: string): { kind: ChainKind; subject: string | null } | null {
  if (chain === WITHDRAWALS_CHAIN || chain === CONSENT_RELEASES_CHAIN || chain === DEFINITIONS_CHAIN)
    return { kind: chain, subject: null };
  const slash = chain.indexOf('/');
  const kind = chain.slice(0, slash);
  const subject = chain.slice(slash + 1);
  if (slash > 0 && subject !== '' && (kind === 'document' || kind === 'feature')) return { kind, subject };
  return null;
}

/** Chain order within a kind: documents and features by slug, then the two shared chains. */
export function compareChainNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
