/**
 * Props of the e-mail subscription pages (/subscribe/ and the pages its steps land on): pure
 * functions of the collections, like page-props.ts. Only what a subscription can follow is
 * offered: segments, documents and features in use (the API refuses the others).
 */
import type { Organization, Segment } from './entry-types';
import { shortName } from './format';
import type { SiteCollections } from './page-props';

/** A choice of the form's "follow" field: its value is what the API reads (`document:<slug>`, …). */
export interface FollowOption {
  value: string;
  label: string;
}

export interface SubscribeProps {
  organization: Organization;
  /** The segments in use, in display order. */
  segments: Pick<Segment, 'key' | 'name' | 'description'>[];
  documents: FollowOption[];
  features: FollowOption[];
}

/**
 * A document's option: its title, and the segments it applies to when that is not all of them
 * (the API refuses a document for a segment it does not apply to; without JavaScript the list
 * cannot narrow itself, so it says so).
 */
export function documentOption(
  document: { slug: string; title: string; segments: readonly string[] },
  segments: readonly Pick<Segment, 'key' | 'name'>[],
): FollowOption {
  const applies = segments.filter((segment) => document.segments.includes(segment.key));
  const label =
    applies.length === segments.length
      ? document.title
      : `${document.title} (${applies.map((segment) => shortName(segment.name)).join(', ')} only)`;
  return { value: `document:${document.slug}`, label };
}

export function subscribeProps(site: SiteCollections): SubscribeProps {
  const segments = site.segments
    .filter((segment) => segment.retiredAt === null)
    .map(({ key, name, description }) => ({ key, name, description }));
  return {
    organization: site.organization,
    segments,
    documents: site.documents
      .filter((document) => document.retiredAt === null)
      .map((document) => documentOption(document, segments)),
    features: site.features.map((feature) => ({ value: `feature:${feature.slug}`, label: feature.name })),
  };
}

/** The pages a subscription's steps land on (SubscriptionStepLayout.astro). */
export type SubscriptionStep = 'check-inbox' | 'confirm' | 'confirmed' | 'unsubscribe' | 'unsubscribed';

export interface SubscriptionStepProps {
  organization: Organization;
  step: SubscriptionStep;
}

export const subscriptionStepProps = (site: SiteCollections, step: SubscriptionStep): SubscriptionStepProps => ({
  organization: site.organization,
  step,
});
