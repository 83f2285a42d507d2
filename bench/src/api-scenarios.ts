/**
 * What `pnpm bench` sends: the queries, the mutation mix, and the autocannon request lists built
 * from them. Uncached requests carry a variable no operation declares (`bust`, a new number each
 * time): graphql-js ignores it, but it is part of the response cache's key, so every request
 * misses and runs parse → validate → execute → SQL.
 */
import type autocannon from 'autocannon';

export const TERMS = 'terms-of-service';

/**
 * The deep nested query: document → versions → clauses → explanations, and AI features →
 * revisions → facts → governing clauses. Depth 5 (connection plumbing adds no level), cost
 * ≈ 12,000 on the schema's cost model (docs/partner-api.md, "Query limits"): inside both limits.
 */
export const NESTED_QUERY = `query BenchNested {
  document(slug: "${TERMS}") {
    title
    versions(first: 10) { edges { node {
      label effectiveAt contentHash
      clauses { key number heading body }
      explanations { segment { key } summary whatChanges affected }
    } } }
  }
  aiFeatures {
    slug name
    revisions(first: 10) { edges { node {
      number effectiveAt
      facts { segment { key } whatItDoes defaultState governingClauses { key number heading } }
    } } }
  }
}`;

/** The consent-statistics query of `pnpm load`: one feature and segment over a year. */
export const STATS_QUERY = `{ consentStatistics(feature: "meeting-summary", segment: "education", from: "2024-01", to: "2024-12") {
  minimumCellSize rows { period accountsEligible { value suppressed } ownersEnabled { value suppressed } enabledRate }
  totals { accountsEligible { value complete suppressedCells } } enabledRate } }`;

/** A request that touches no database: what yoga and Candor's plugins cost per uncached POST. */
export const TRIVIAL_QUERY = '{ __typename }';

export const CURSORS_QUERY = `{ document(slug: "${TERMS}") { versions(first: 100) { edges { cursor node { label } } } } }`;

export const CREATE_DRAFT =
  'mutation ($markdown: String!) { createDraft(markdown: $markdown) { draft { id } error { code message } } }';
export const UPDATE_DRAFT =
  'mutation ($id: ID!, $markdown: String!) { updateDraft(id: $id, markdown: $markdown) { draft { id } error { code message } } }';

/** A small non-material terms draft in Candor's Markdown format (docs/publishing.md, "Version Markdown"). */
export const draftMarkdown = (label: string, edit: number) => `---
document: ${TERMS}
label: ${label}
material: false
changeNote: Benchmark draft ${label}, edit ${edit}.
---

## 10.1 Customer Content {#10.1}

You own your content. We use it only to provide the Services (${label}, edit ${edit}).

## 11 Termination {#11}

Either party may end the agreement with thirty days' notice.
`;

const JSON_HEADERS = { 'content-type': 'application/json' };
/** A CSRF header a non-browser client sends with GETs (docs/partner-api.md, "HTTP endpoints"). */
export const GET_HEADERS = { 'graphql-require-preflight': '1' };

let bustCounter = 0;
const bustPrefix = Date.now().toString(36);
/** A value never sent before in this run (the response cache outlives a measurement). */
export function nextBust(): string {
  bustCounter += 1;
  return `${bustPrefix}-${bustCounter}`;
}

export interface GraphQLBody {
  query?: string;
  operationName?: string;
  variables?: Record<string, unknown>;
  extensions?: Record<string, unknown>;
}

/** An uncached POST: the body with a fresh `bust` variable on every request. */
export function uncachedPost(body: GraphQLBody, headers: Record<string, string> = {}): autocannon.Request[] {
  return [
    {
      method: 'POST',
      path: '/graphql',
      headers: { ...JSON_HEADERS, ...headers },
      setupRequest: (request) => ({
        ...request,
        body: JSON.stringify({ ...body, variables: { ...body.variables, bust: nextBust() } }),
      }),
    },
  ];
}

export function get(path: string, headers: Record<string, string> = {}): autocannon.Request[] {
  return [{ method: 'GET', path, headers: { ...GET_HEADERS, ...headers } }];
}

export function persistedGetPath(hash: string, operationName: string, variables: Record<string, unknown>): string {
  return `/graphql?${new URLSearchParams({
    operationName,
    variables: JSON.stringify(variables),
    extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }),
  })}`;
}

interface MutationContext {
  label?: string;
  draftId?: string;
}

/**
 * createDraft then updateDraft of that draft, per connection, over and over: every request writes
 * (one transaction, an audit row) and empties the response cache, as an editor's mutation does.
 * `onFailure` is called for every answer that is not a payload with `error: null`.
 */
export function mutationMix(token: string, runId: string, onFailure: (body: string) => void): autocannon.Request[] {
  const headers = { ...JSON_HEADERS, authorization: `Bearer ${token}` };
  let drafts = 0;
  const check = (status: number, body: string) => {
    if (status !== 200 || !body.includes('"error":null')) onFailure(body);
  };
  return [
    {
      method: 'POST',
      path: '/graphql',
      headers,
      setupRequest: (request, context) => {
        const state = context as MutationContext;
        drafts += 1;
        state.label = `bench-${runId}-${drafts}`;
        return {
          ...request,
          body: JSON.stringify({ query: CREATE_DRAFT, variables: { markdown: draftMarkdown(state.label, 1) } }),
        };
      },
      onResponse: (status, body, context) => {
        check(status, body);
        const match = /"id":"([^"]+)"/.exec(body);
        (context as MutationContext).draftId = match?.[1];
      },
    },
    {
      method: 'POST',
      path: '/graphql',
      headers,
      setupRequest: (request, context) => {
        const state = context as MutationContext;
        return {
          ...request,
          body: JSON.stringify({
            query: UPDATE_DRAFT,
            variables: { id: state.draftId ?? 'missing', markdown: draftMarkdown(state.label ?? 'missing', 2) },
          }),
        };
      },
      onResponse: (status, body) => check(status, body),
    },
  ];
}
