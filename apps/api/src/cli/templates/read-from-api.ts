/**
 * What the templates are written from, read from the public API (no token: a document's text
 * and a feature's facts are public, and a stale CANDOR_TOKEN must not get in the way).
 */
import { factsFromServed } from '@candor/schema/domain';
import type { FeatureTemplateFactsQuery } from '../../generated/cli/graphql.js';
import { graphql } from '../../generated/cli/index.js';
import type { ApiClient } from '../api-client.js';
import { RefusedError } from '../errors.js';
import type { DraftTemplateInput } from './draft-template.js';
import type { FeatureTemplateInput } from './feature-template.js';
import { suggestNextLabel } from './next-label.js';

interface Page<T> {
  edges: { node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const PAGE_SIZE = 100;

const DRAFT_TEMPLATE = graphql(`
  query DraftTemplate($slug: String!) {
    document(slug: $slug) {
      slug
      title
      retiredAt
      segments { key name retiredAt }
      current { label effectiveAt clauses { key number heading body } }
      upcoming { label effectiveAt }
    }
  }
`);

const DRAFT_TEMPLATE_LABELS = graphql(`
  query DraftTemplateLabels($slug: String!, $first: Int!, $after: String) {
    document(slug: $slug) {
      versions(first: $first, after: $after) {
        pageInfo { hasNextPage endCursor }
        edges { node { label withdrawal { withdrawnAt } } }
      }
    }
  }
`);

const DRAFT_TEMPLATE_TEXT = graphql(`
  query DraftTemplateText($slug: String!, $label: String!) {
    document(slug: $slug) { version(label: $label) { label effectiveAt clauses { key number heading body } } }
  }
`);

const FEATURE_TEMPLATE = graphql(`
  query FeatureTemplate($slug: String!) {
    aiFeature(slug: $slug) { slug name }
    segments { key name }
  }
`);

/**
 * A document's text for `draft template`: the version in force, else the newest published one
 * not withdrawn, else none; the label suggested after the newest published one.
 *
 * @throws GraphQLRequestError NOT_FOUND for an unknown slug; RefusedError INVALID_STATE for a
 * retired document, which takes no new versions.
 */
export async function readDraftTemplate(client: ApiClient, slug: string, today: Date): Promise<DraftTemplateInput> {
  const { document } = await client.query(DRAFT_TEMPLATE, { slug });
  if (document.retiredAt !== null) {
    throw new RefusedError({
      code: 'INVALID_STATE',
      message: `Document "${slug}" is retired: it takes no new versions`,
      field: 'document',
      problems: [],
    });
  }
  const versions = await readAll((first, after) =>
    client.query(DRAFT_TEMPLATE_LABELS, { slug, first, after }).then((data) => data.document.versions),
  );
  const newest = versions.find((v) => v.withdrawal === null) ?? null;
  let basis: DraftTemplateInput['basis'] = null;
  if (document.current !== null) basis = { ...document.current, inForce: true };
  else if (newest !== null) {
    const { document: served } = await client.query(DRAFT_TEMPLATE_TEXT, { slug, label: newest.label });
    basis = { ...served.version, inForce: false };
  }
  return {
    document: { slug: document.slug, title: document.title },
    label: suggestNextLabel(newest?.label ?? null, new Set(versions.map((v) => v.label)), today),
    // Explanations are owed to the segments still in use (publish-version.ts).
    segments: document.segments.filter((s) => s.retiredAt === null).map(({ key, name }) => ({ key, name })),
    basis:
      basis === null
        ? null
        : {
            label: basis.label,
            effectiveAt: basis.effectiveAt,
            inForce: basis.inForce,
            clauses: basis.clauses.map(({ key, number, heading, body }) => ({ key, number, heading, body })),
          },
    upcoming: document.upcoming,
  };
}

const FEATURE_TEMPLATE_FACTS = graphql(`
  query FeatureTemplateFacts($slug: String!, $after: String) {
    aiFeature(slug: $slug) {
      revisions(first: 5, after: $after) {
        pageInfo { hasNextPage endCursor }
        edges { node { number effectiveAt withdrawal { withdrawnAt } facts { segment { key } ...FactsLabelFields governingClauseRefs { document key } } } }
      }
    }
  }
`);

type ServedPage = FeatureTemplateFactsQuery['aiFeature']['revisions'];
type ServedRevision = ServedPage['edges'][number]['node'];

/**
 * A feature's facts for `feature template`: those of its newest published revision not
 * withdrawn (newest by effective date, so a scheduled one counts), for every segment in use,
 * the segments a new revision owes facts to.
 *
 * @throws GraphQLRequestError NOT_FOUND for an unknown slug.
 */
export async function readFeatureTemplate(client: ApiClient, slug: string): Promise<FeatureTemplateInput> {
  const { aiFeature, segments } = await client.query(FEATURE_TEMPLATE, { slug });
  let basis: ServedRevision | null = null;
  let after: string | null = null;
  // Pages of a few revisions: the first that is not withdrawn is nearly always the first.
  do {
    const revisions: ServedPage = (await client.query(FEATURE_TEMPLATE_FACTS, { slug, after })).aiFeature.revisions;
    basis = revisions.edges.map((e) => e.node).find((r) => r.withdrawal === null) ?? null;
    after = revisions.pageInfo.hasNextPage ? revisions.pageInfo.endCursor : null;
  } while (basis === null && after !== null);
  return {
    feature: { slug: aiFeature.slug, name: aiFeature.name },
    segments,
    basis: basis === null ? null : { number: basis.number, effectiveAt: basis.effectiveAt },
    facts: Object.fromEntries((basis?.facts ?? []).map((f) => [f.segment.key, factsFromServed(f)])),
  };
}

/** Every node of a connection, page by page. */
async function readAll<T>(page: (first: number, after: string | null) => Promise<Page<T>>): Promise<T[]> {
  const nodes: T[] = [];
  let after: string | null = null;
  for (;;) {
    const current = await page(PAGE_SIZE, after);
    nodes.push(...current.edges.map((e) => e.node));
    if (!current.pageInfo.hasNextPage || current.pageInfo.endCursor === null) return nodes;
    after = current.pageInfo.endCursor;
  }
}
