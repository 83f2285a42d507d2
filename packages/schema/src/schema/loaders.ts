import DataLoader from 'dataloader';
import type { PrismaClient } from '../db/client.js';
import { versionInForce } from '../domain/as-of.js';
import type { Clause } from '../generated/sqlite/client.js';
import { inForceCandidateWhere } from './visibility.js';

/** A clause a feature points at, to be resolved in the version in force at `at`. */
export interface ClauseLookup {
  document: string;
  key: string;
  at: Date;
}

export interface Loaders {
  /** Clause (or null when the version in force lacks that key) for each lookup. */
  clauseInForce: DataLoader<ClauseLookup, Clause | null, string>;
}

/**
 * Per-request batch loaders. Resolving governing clauses for any number of features, revisions
 * and segments costs two statements: the public versions of the referenced documents, then the
 * referenced clauses of the versions in force.
 */
export function createLoaders(prisma: PrismaClient, now: Date): Loaders {
  return {
    clauseInForce: new DataLoader(
      async (lookups) => {
        const slugs = [...new Set(lookups.map((lookup) => lookup.document))];
        const versions = await prisma.version.findMany({
          where: { ...inForceCandidateWhere(now), document: { slug: { in: slugs } } },
          select: { id: true, effectiveAt: true, publishedAt: true, document: { select: { slug: true } } },
        });
        const inForce = lookups.map((lookup) => {
          const candidates = versions
            .filter((v) => v.document.slug === lookup.document && v.effectiveAt !== null && v.publishedAt !== null)
            .map((v) => ({ id: v.id, effectiveAt: v.effectiveAt as Date, publishedAt: v.publishedAt as Date }));
          return versionInForce(candidates, lookup.at)?.id ?? null;
        });
        const wanted = lookups.flatMap((lookup, index) => {
          const versionId = inForce[index];
          return versionId == null ? [] : [{ versionId, key: lookup.key }];
        });
        const clauses = wanted.length === 0 ? [] : await prisma.clause.findMany({ where: { OR: wanted } });
        const byVersionAndKey = new Map(clauses.map((clause) => [`${clause.versionId}\u0000${clause.key}`, clause]));
        return lookups.map((lookup, index) => byVersionAndKey.get(`${inForce[index]}\u0000${lookup.key}`) ?? null);
      },
      { cacheKeyFn: (lookup) => `${lookup.document}#${lookup.key}@${lookup.at.toISOString()}` },
    ),
  };
}
