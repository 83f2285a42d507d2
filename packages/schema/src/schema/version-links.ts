/**
 * What a published version says about its place in the history — its document, timing,
 * withdrawal, stored changes, previous and next version — answered from the request's catalogue
 * (catalogue.ts) rather than by nested SQL: the site reads these for every version it renders, and
 * partners for every version they page through. Declared apart from version.ts because they lead
 * to types (Document, Changelog) whose files import Version.
 */
import { builder, type Context } from './builder.js';
import { type CatalogueVersion, isPublicAt, versionInForceAt } from './catalogue.js';
import { ChangelogRef, currentChanges } from './changelog.js';
import { DocumentRef } from './document.js';
import { VersionRef, VersionTiming, WithdrawalRef } from './version.js';

/** A Version object is a published row, so it is in the catalogue of any request that can see it. */
async function catalogued(version: { id: string }, ctx: Context): Promise<CatalogueVersion> {
  const entry = (await ctx.loaders.catalogue()).versionById.get(version.id);
  if (entry === undefined) throw new Error(`version ${version.id} is not in the public catalogue`);
  return entry;
}

builder.prismaObjectFields(VersionRef, (t) => ({
  document: t.field({
    type: DocumentRef,
    resolve: async (version, _args, ctx) => {
      const document = (await ctx.loaders.catalogue()).documentById.get(version.documentId);
      if (document === undefined) throw new Error(`version ${version.id} has no document in the catalogue`);
      return document;
    },
  }),
  timing: t.field({
    type: VersionTiming,
    // The version in force is the latest one effective by now that was not withdrawn (by
    // effective date, not publication order); any other version already effective is superseded.
    resolve: async (version, _args, ctx) => {
      const entry = await catalogued(version, ctx);
      if (entry.withdrawal !== null) return 'WITHDRAWN';
      if (entry.effectiveAt !== null && entry.effectiveAt > ctx.now) return 'UPCOMING';
      const inForce = versionInForceAt(await ctx.loaders.publicVersions(entry.documentId), ctx.now);
      return inForce?.id === entry.id ? 'IN_FORCE' : 'SUPERSEDED';
    },
  }),
  withdrawal: t.field({
    type: WithdrawalRef,
    nullable: true,
    description: 'Set when the version was withdrawn before it took effect.',
    resolve: async (version, _args, ctx) => (await catalogued(version, ctx)).withdrawal,
  }),
  changes: t.field({
    type: ChangelogRef,
    nullable: true,
    description:
      'What changed from the version in force right before this one takes effect (withdrawn versions skipped): the comparison made at publication, or the newer one made when a later publication or a withdrawal changed that version (`rebased`, with the `reason`).',
    resolve: async (version, _args, ctx) => currentChanges(await catalogued(version, ctx)),
  }),
  previous: t.field({
    type: VersionRef,
    nullable: true,
    description:
      'The version this one is compared with (`changes.from`): the one in force right before it takes effect, withdrawn versions skipped. Null for a first version.',
    resolve: async (version, _args, ctx) => {
      const from = currentChanges(await catalogued(version, ctx))?.row.fromVersionId;
      return from == null ? null : ((await ctx.loaders.catalogue()).versionById.get(from) ?? null);
    },
  }),
  next: t.field({
    type: VersionRef,
    nullable: true,
    description:
      'The version compared with this one, i.e. the next one to take effect after it (possibly upcoming; withdrawn versions skipped).',
    resolve: async (version, _args, ctx) => {
      const next = (await ctx.loaders.catalogue()).successorOf.get(version.id);
      return next !== undefined && isPublicAt(next, ctx.now) ? next : null;
    },
  }),
}));

builder.objectField(ChangelogRef, 'from', (t) =>
  t.field({
    type: VersionRef,
    nullable: true,
    description: 'The version compared with; null for the first version of a document.',
    resolve: async ({ row }, _args, ctx) =>
      row.fromVersionId === null ? null : ((await ctx.loaders.catalogue()).versionById.get(row.fromVersionId) ?? null),
  }),
);
