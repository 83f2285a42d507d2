/**
 * The site's data, as content collections: each has a loader (src/loaders/) that reads the
 * GraphQL API partners use and builds its entries with a pure transform (lib/transform.ts).
 *
 * The schemas carry each entry's type (lib/entry-types.ts, derived from the transforms) without
 * restating its shape. GraphQL execution already guarantees that a result conforms to the
 * committed SDL, and the types generated from it guarantee that the transforms read it correctly;
 * re-validating a hand-copied shape of it would add drift, not safety. The checks the SDL cannot
 * express (a segment key's spelling, a revision's hash) stop the build in the transforms.
 */
import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import type {
  ConsentSeries,
  DocumentEntry,
  FeatureEntry,
  Integrity,
  Organization,
  Segment,
  VersionSummaryEntry,
} from './lib/entry-types';
import {
  consentLoader,
  documentsLoader,
  featuresLoader,
  integrityLoader,
  organizationLoader,
  segmentsLoader,
  versionsLoader,
} from './loaders/candor-loaders';

/** A schema that types a collection's entries as T: any object passes (a transform built it). */
const entryOf = <T>() =>
  z.custom<T>((value) => typeof value === 'object' && value !== null, 'an entry must be an object');

export const collections = {
  /** One entry, id "organization": who publishes, and whether it is sample data. */
  organization: defineCollection({ loader: organizationLoader(), schema: entryOf<Organization>() }),
  /** One entry per segment, id = segment key. */
  segments: defineCollection({ loader: segmentsLoader(), schema: entryOf<Segment>() }),
  /** One entry, id "integrity": public key, latest checkpoint, chain verification. */
  integrity: defineCollection({ loader: integrityLoader(), schema: entryOf<Integrity>() }),
  /** One entry per document, id = slug. */
  documents: defineCollection({ loader: documentsLoader(), schema: entryOf<DocumentEntry>() }),
  /**
   * One entry per published version, id "<slug>/<label>": its summary. The loader keeps the
   * explanations, clauses and changes out of the store (lib/version-bodies.ts).
   */
  versions: defineCollection({ loader: versionsLoader(), schema: entryOf<VersionSummaryEntry>() }),
  /** One entry per AI feature, id = slug, with every revision. */
  features: defineCollection({ loader: featuresLoader(), schema: entryOf<FeatureEntry>() }),
  /** One entry per feature × segment series, id "<feature>/<segment>". */
  consent: defineCollection({ loader: consentLoader(), schema: entryOf<ConsentSeries>() }),
};
