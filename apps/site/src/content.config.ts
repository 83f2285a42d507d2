/**
 * The site's data, as content collections: each has a loader (src/loaders/) that reads the
 * GraphQL API partners use, and a Zod schema (src/lib/schemas.ts) that types and validates it.
 */
import { defineCollection } from 'astro:content';
import {
  ConsentSeriesSchema,
  DocumentSchema,
  FeatureSchema,
  IntegritySchema,
  OrganizationSchema,
  SegmentSchema,
  VersionSummarySchema,
} from './lib/schemas';
import {
  consentLoader,
  documentsLoader,
  featuresLoader,
  integrityLoader,
  organizationLoader,
  segmentsLoader,
  versionsLoader,
} from './loaders/candor-loaders';

export const collections = {
  /** One entry, id "organization": who publishes, and whether it is sample data. */
  organization: defineCollection({ loader: organizationLoader(), schema: OrganizationSchema }),
  /** One entry per segment, id = segment key. */
  segments: defineCollection({ loader: segmentsLoader(), schema: SegmentSchema }),
  /** One entry, id "integrity": public key, latest checkpoint, chain verification. */
  integrity: defineCollection({ loader: integrityLoader(), schema: IntegritySchema }),
  /** One entry per document, id = slug. */
  documents: defineCollection({ loader: documentsLoader(), schema: DocumentSchema }),
  /**
   * One entry per published version, id "<slug>/<label>": its summary. The loader keeps the
   * explanations, clauses and changes out of the store (lib/version-bodies.ts).
   */
  versions: defineCollection({ loader: versionsLoader(), schema: VersionSummarySchema }),
  /** One entry per AI feature, id = slug, with every revision. */
  features: defineCollection({ loader: featuresLoader(), schema: FeatureSchema }),
  /** One entry per feature × segment series, id "<feature>/<segment>". */
  consent: defineCollection({ loader: consentLoader(), schema: ConsentSeriesSchema }),
};
